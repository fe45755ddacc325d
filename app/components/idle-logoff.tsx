import { useLocation, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'

/**
 * Automatic logoff: the server ends a session after the idle timeout, and this clears the screen
 * at the same moment, so a chart does not stay readable on an unattended workstation. The timer
 * restarts with every navigation and form submission, which is when the server sees activity.
 */
export function IdleLogoff({ minutes }: { minutes: number }) {
	const location = useLocation()
	const navigation = useNavigation()
	useEffect(() => {
		const timer = window.setTimeout(() => {
			window.location.assign('/auth/idle')
		}, minutes * 60_000)
		return () => window.clearTimeout(timer)
	}, [minutes, location.key, navigation.state])
	return null
}
