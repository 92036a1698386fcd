import { PERMISSIONS } from '../../../shared/constants';
import { listPicker, recordId } from '../../methods/picker';
import { CONTACT_ERRORS } from './errors';

/** Contacts found by LeadLex's search (name or email), shown with their email. */
export const searchContacts = listPicker({
	list: () => ({
		path: '/v1/contacts',
		subject: { label: 'the contact list', permission: PERMISSIONS.contactsRead },
	}),
	listProperty: 'data.contacts',
	paged: true,
	errors: CONTACT_ERRORS,
	entry: (contact) => {
		const id = recordId(contact);
		if (!id) return undefined;
		const name =
			typeof contact.full_name === 'string' && contact.full_name.trim()
				? contact.full_name
				: '(no name)';
		const email = typeof contact.email === 'string' && contact.email ? contact.email : '';
		return { name: email ? `${name} (${email})` : name, value: id, searchText: `${name} ${email}` };
	},
});
