/** Only same-site paths: never an open redirect. */
export function safeReturnTo(value: string | null | undefined): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
		return '/'
	return value.slice(0, 500)
}
