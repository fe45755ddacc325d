import type { Role } from '#db/schema/users.ts'

/**
 * The demo hospital's staff, used only by the embedded development identity provider and the demo
 * seed. Synthetic people. `subject` is the `sub` claim the development IdP issues.
 */
export type DemoUser = {
	subject: string
	displayName: string
	email: string
	role: Role
	title: string
}

/** Issuer recorded for users of the built-in development identity provider. */
export const DEV_IDP_ISSUER_ID = 'urn:chartside:dev-idp'

export const DEMO_USERS: readonly DemoUser[] = [
	{
		subject: 'dr-rivera',
		displayName: 'Dr. Sam Rivera',
		email: 'sam.rivera@demo-hospital.example',
		role: 'clinician',
		title: 'Hospitalist, on the care team of six demo patients',
	},
	{
		subject: 'intake-lee',
		displayName: 'Jordan Lee',
		email: 'jordan.lee@demo-hospital.example',
		role: 'intake',
		title: 'Health information intake clerk',
	},
	{
		subject: 'admin-diaz',
		displayName: 'Morgan Diaz',
		email: 'morgan.diaz@demo-hospital.example',
		role: 'admin',
		title: 'Clinical systems administrator: care teams and the audit',
	},
	{
		subject: 'reviewer-khan',
		displayName: 'Avery Khan',
		email: 'avery.khan@demo-hospital.example',
		role: 'safety_reviewer',
		title: 'Studies where the model is overridden, and why',
	},
]

/**
 * Accounts the development identity provider offers that are not Chartside users: their roles
 * claim holds no Chartside role, to show that such a sign-in gets no access.
 */
export const DEV_IDP_OTHER_ACCOUNTS: ReadonlyArray<{
	subject: string
	displayName: string
	email: string
	roles: string[]
	title: string
}> = [
	{
		subject: 'student-park',
		displayName: 'Casey Park',
		email: 'casey.park@demo-hospital.example',
		roles: ['visiting-student'],
		title: 'Visiting student (no Chartside role)',
	},
]
