import type {
	IAuthenticate,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { apiKeyOf } from '../nodes/shared/apiKey';
import { BASE_URL_RULE, ENDS_WITH_V1 } from '../nodes/shared/baseUrl';

/** The credential's Base URL as the rule reads it (normalizeBaseUrl in baseUrl.ts). */
const BASE_URL = 'String($credentials.baseUrl || "").trim().replace(/\\/+$/, "")';
const RULE = `/${BASE_URL_RULE.source}/i`;

const BASE_URL_ADVICE =
	'Check the Base URL: it should be https://data.leadlex.com/functions/v1/api-gateway, without /v1.';

const statusRules: IAuthenticateRuleResponseCode[] = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'LeadLex rejected the API key (401 invalid_key): it is wrong, expired or revoked. Create a key in LeadLex under Settings → API & Integrations and paste it here.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message:
				'The API key is valid but lacks the campaigns:read permission (403 insufficient_permissions). The node needs campaigns:read for its pickers and campaigns:write to delete steps.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message: `There is no LeadLex API at this Base URL (404 for /v1/campaigns). ${BASE_URL_ADVICE}`,
		},
	},
];

// The test request follows no redirect (the key would go along); a 3xx fails with its status.
const redirectRules: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map((value) => ({
	type: 'responseCode',
	properties: {
		value,
		message: `The Base URL answered with a redirect (HTTP ${value}), which LeadLex's API never does, so the API key was not sent on. ${BASE_URL_ADVICE}`,
	},
}));

const bodyRules: IAuthenticateRuleResponseSuccessBody[] = [
	{
		type: 'responseSuccessBody',
		properties: {
			// An HTML page or another service answers 200 without LeadLex's campaign list.
			key: 'data.campaigns',
			value: undefined,
			message: `The Base URL answered, but not as the LeadLex API does (no campaign list; an HTML page or another service?). ${BASE_URL_ADVICE}`,
		},
	},
];

export class LeadlexApi implements ICredentialType {
	name = 'leadlexApi';

	displayName = 'LeadLex API';

	icon: Icon = { light: 'file:../icons/leadlex.svg', dark: 'file:../icons/leadlex.dark.svg' };

	documentationUrl = 'https://docs.leadlex.com/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'wbk_...',
			hint: 'Create a key in LeadLex under Settings → API & Integrations → Create API Key. It starts with wbk_. The node needs campaigns:read (pickers, Get Many) and campaigns:write (Create, Update, Delete); the LeadLex Trigger needs webhooks:read and webhooks:write.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://data.leadlex.com/functions/v1/api-gateway',
			description:
				'The LeadLex API gateway, without /v1. Change it only for a test or self-hosted gateway.',
		},
	];

	// A function, not a `generic` template: n8n evaluates a template as an expression on every
	// request (about a millisecond each with 2.x's isolated expression engine); the header is the same.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${apiKeyOf(credentials.apiKey)}` },
	});

	test: ICredentialTestRequest = {
		request: {
			// A test request cannot fail with its own message, so a Base URL the node would refuse
			// (the same rule, see baseUrl.ts) becomes a non-URL: nothing is sent, the key goes nowhere.
			baseURL: `={{ ${RULE}.test(${BASE_URL}) && !${ENDS_WITH_V1}.test(${BASE_URL}) ? ${BASE_URL} : "Refused: this Base URL breaks the LeadLex node's Base URL rule (https://, no query, fragment, user name or control characters), so the API key was not sent" }}`,
			url: '/v1/campaigns',
			method: 'GET',
			qs: { page: 1, per_page: 1 },
			headers: { Accept: 'application/json' },
			disableFollowRedirect: true,
		},
		// n8n applies status rules and body rules from the same list; its type only allows one kind.
		rules: [
			...statusRules,
			...redirectRules,
			...bodyRules,
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
