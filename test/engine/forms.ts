import type { INodeProperties } from 'n8n-workflow';

/**
 * The node's description as the editor shows it for one operation (or for any operation of the
 * resource, when none is given): the entries shown for it, and
 * in a collection only the options shown for it (merged collections show each option by
 * `/resource` and `/operation`), without those conditions.
 */
export function formOf(
	properties: INodeProperties[],
	resource: string,
	operation?: string,
): INodeProperties[] {
	return properties
		.filter((property) => {
			const show = property.displayOptions?.show ?? {};
			return (
				Array.isArray(show.resource) &&
				(show.resource as string[]).includes(resource) &&
				(!show.operation ||
					operation === undefined ||
					(show.operation as string[]).includes(operation))
			);
		})
		.map((property) =>
			property.type === 'collection'
				? {
						...property,
						options: optionsShown(property.options as INodeProperties[], resource, operation),
					}
				: property,
		);
}

/**
 * A collection's options shown for one operation (or for any of the resource's), without their
 * `/resource` `/operation` conditions.
 */
export function optionsShown(
	options: INodeProperties[],
	resource: string,
	operation?: string,
): INodeProperties[] {
	return options
		.filter((option) => {
			const show = option.displayOptions?.show ?? {};
			const resources = show['/resource'] as string[] | undefined;
			const operations = show['/operation'] as string[] | undefined;
			return (
				(!resources || resources.includes(resource)) &&
				(!operations || operation === undefined || operations.includes(operation))
			);
		})
		.map((option) => {
			const show = { ...option.displayOptions?.show };
			delete show['/resource'];
			delete show['/operation'];
			const rest = { ...option };
			delete rest.displayOptions;
			return Object.keys(show).length ? { ...rest, displayOptions: { show } } : rest;
		});
}
