export { checkHealth } from '#server/health.ts'
