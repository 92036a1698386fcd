import { PERMISSIONS } from '../../../shared/constants';
import { listPicker, recordId } from '../../methods/picker';
import { LIST_ERRORS } from './errors';

/** The workspace's lists, searched by name here (GET /v1/lists is assumed to page like every list). */
export const searchLists = listPicker({
	list: () => ({
		path: '/v1/lists',
		subject: { label: 'the lists', permission: PERMISSIONS.contactsRead },
	}),
	listProperty: 'data.lists',
	paged: true,
	errors: LIST_ERRORS,
	entry: (list) => {
		const id = recordId(list);
		if (!id) return undefined;
		const name = String(list.name ?? id);
		const count = typeof list.contact_count === 'number' ? ` (${list.contact_count} contacts)` : '';
		return { name: `${name}${count}`, value: id, searchText: name };
	},
});
