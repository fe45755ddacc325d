import type { Role } from '#db/schema/users.ts'

export const ROLE_LABELS: Record<Role, string> = {
	clinician: 'Clinician',
	intake: 'Intake staff',
	safety_reviewer: 'Clinical-safety reviewer',
	admin: 'Administrator',
}
