import { checkHealth, type HealthStatus } from '../health.ts'
import type { Logger } from '../log.ts'
import { getSystemOverview, type SystemOverview } from '../overview.ts'
import type { Services } from '../services.ts'

/**
 * What route loaders and actions may use: named operations, not the raw database or the
 * configuration (which holds secrets). As features land, operations that touch patient data are
 * added here already scoped to the signed-in user, so a handler cannot forget to check access.
 */
export type AppContext = {
	log: Logger
	health(): Promise<HealthStatus>
	overview(): Promise<SystemOverview>
}

export function createAppContext(services: Services): AppContext {
	return {
		log: services.log,
		health: () => checkHealth(services),
		overview: () => getSystemOverview(services),
	}
}
