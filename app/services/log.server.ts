import { errorFields, log } from '#server/log.ts'

export function logServerError(error: unknown, requestId: string | undefined): void {
	log.error('remix.error', { requestId, ...errorFields(error) })
}
