/**
 * Where to send the browser after sign-in: only a path on this app's own origin. Control characters
 * and backslashes are refused before parsing (browsers strip tabs and newlines from URLs, turning
 * "/\t/evil.example" into "//evil.example"), and the parsed URL must stay on `appOrigin`.
 */
export function safeReturnTo(value: string | null | undefined, appOrigin: string): string {
	if (!value || value.length > 500 || !value.startsWith('/')) return '/'
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/'
	let decoded: string
	try {
		decoded = decodeURIComponent(value)
	} catch {
		return '/'
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(decoded) || decoded.startsWith('//')) return '/'
	let url: URL
	try {
		url = new URL(value, appOrigin)
	} catch {
		return '/'
	}
	if (url.origin !== new URL(appOrigin).origin) return '/'
	return `${url.pathname}${url.search}${url.hash}`
}
