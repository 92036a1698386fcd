import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteSingleFunctions,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../constants';

const perRun = new WeakMap<object, Promise<ICredentialsDecrypted>>();

/**
 * The node's credential, read once per node run. n8n's getCredentials() loads and decrypts it from
 * its database on every call, and httpRequestWithAuthentication() calls it for every request
 * unless it is handed the credential: one database read per item, one at a time, before any
 * request of a run could leave. The engine itself reads the credential once per run (for the Base
 * URL), so every item already uses the run's credential. Keyed on the run's execute data, which
 * every item's context of one node run shares.
 */
export function runCredentials(context: IExecuteSingleFunctions): Promise<ICredentialsDecrypted> {
	const run = context.getExecuteData();
	let credentials = perRun.get(run);
	if (!credentials) {
		const stored = context.getNode().credentials?.[CREDENTIAL_TYPE];
		credentials = context.getCredentials(CREDENTIAL_TYPE).then(
			(data: ICredentialDataDecryptedObject): ICredentialsDecrypted => ({
				id: stored?.id ?? '',
				name: stored?.name ?? '',
				type: CREDENTIAL_TYPE,
				data,
			}),
		);
		perRun.set(run, credentials);
	}
	return credentials;
}
