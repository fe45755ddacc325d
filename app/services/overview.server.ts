export { getSystemOverview, type SystemOverview } from '#server/overview.ts'
