import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { checkBaseUrl } from './baseUrl';
import type { HttpResponse, RequestSubject } from './errors';
import { errorFromResponse } from './httpErrors';
import { errorFromTransport } from './transportErrors';

export const CREDENTIAL_TYPE = 'leadlexApi';

/** A GET for the editor's pickers, with the same friendly errors as the node's operations. */
export async function leadlexGet(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	subject: RequestSubject,
): Promise<unknown> {
	const node = this.getNode();
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseURL = checkBaseUrl(node, credentials.baseUrl);
	const options: IHttpRequestOptions = {
		method: 'GET',
		baseURL,
		url: path,
		qs,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let response: HttpResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as HttpResponse;
	} catch (error) {
		throw errorFromTransport(node, error, subject, { baseUrl: baseURL });
	}
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw errorFromResponse(node, response, subject);
	}
	return parseJsonBody(response.body);
}

/** n8n parses JSON bodies by content type; a JSON body sent as text still deserves a try. */
export function parseJsonBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}
