import { MAX_PAGE_SIZE, PERMISSIONS } from '../../../shared/constants';
import { listPicker, recordId } from '../../methods/picker';
import { LEXI_TASKS_ERRORS } from './errors';

/**
 * The workspace's pending Lexi tasks (the only ones Approve takes), shown with their description
 * and type. One request: the tasks page documents no paging, so the picker asks for up to 100 and
 * shows what LeadLex sends (more are reachable By ID).
 */
export const searchLexiTasks = listPicker({
	list: () => ({
		path: '/v1/lexi/tasks',
		qs: { status: 'pending', per_page: MAX_PAGE_SIZE },
		subject: { label: 'the pending Lexi tasks', permission: PERMISSIONS.lexi },
	}),
	listProperty: 'data.tasks',
	errors: LEXI_TASKS_ERRORS,
	entry: (task) => {
		const id = recordId(task);
		if (!id) return undefined;
		const description =
			typeof task.description === 'string' && task.description.trim()
				? task.description
				: '(no description)';
		const type = typeof task.type === 'string' && task.type ? ` (${task.type})` : '';
		return { name: `${description}${type}`, value: id, searchText: `${description} ${type}` };
	},
});
