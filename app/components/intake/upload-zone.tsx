import { useFetcher } from '@remix-run/react'
import { useRef, useState, type DragEvent } from 'react'
import type { Receipt } from '#server/intake/receive.ts'

const ACCEPT = '.pdf,.tif,.tiff,.png,.jpg,.jpeg,application/pdf,image/tiff,image/png,image/jpeg'

/**
 * Drop faxes here or choose them: several at once, sent as one streamed multipart upload with
 * the CSRF token first. The server decides what a file is from its bytes; the `accept` list only
 * narrows the picker. Each file's outcome is listed: received, already held, or refused with the
 * reason and its code.
 */
export function UploadZone({
	csrf,
	maxFiles,
	maxFileMb,
}: {
	csrf: string
	maxFiles: number
	maxFileMb: number
}) {
	const fetcher = useFetcher<{ receipts?: Receipt[]; error?: string; code?: string }>()
	const input = useRef<HTMLInputElement>(null)
	const [over, setOver] = useState(false)
	const busy = fetcher.state !== 'idle'

	function send(files: FileList | File[]) {
		const list = Array.from(files)
		if (list.length === 0) return
		const body = new FormData()
		body.set('csrf', csrf)
		for (const f of list) body.append('file', f, f.name)
		fetcher.submit(body, {
			method: 'post',
			encType: 'multipart/form-data',
			action: '/intake?index',
		})
	}

	function onDrop(event: DragEvent) {
		event.preventDefault()
		setOver(false)
		send(event.dataTransfer.files)
	}

	const receipts = fetcher.data?.receipts ?? []
	return (
		<div>
			<fetcher.Form method="post" encType="multipart/form-data" action="/intake?index">
				<input type="hidden" name="csrf" value={csrf} />
				<div
					data-testid="drop-zone"
					onDragOver={(e) => {
						e.preventDefault()
						setOver(true)
					}}
					onDragLeave={() => setOver(false)}
					onDrop={onDrop}
					className={`mt-3 flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed px-6 py-8 text-center ${over ? 'border-brand-600 bg-brand-50' : 'border-line'}`}
				>
					<p className="font-medium">Drop faxes here</p>
					<p className="text-sm text-ink-muted">
						PDF, TIFF (fax G3/G4), PNG or JPEG · up to {maxFiles} files of {maxFileMb} MB each
					</p>
					<label className="cursor-pointer rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus-within:outline focus-within:outline-3 focus-within:outline-focus">
						Choose files
						<input
							ref={input}
							type="file"
							name="file"
							multiple
							accept={ACCEPT}
							className="sr-only"
							data-testid="fax-files"
							onChange={(e) => {
								if (e.currentTarget.files) send(e.currentTarget.files)
								e.currentTarget.value = ''
							}}
						/>
					</label>
					<noscript>
						<button type="submit" className="rounded border border-line px-3 py-1">
							Upload
						</button>
					</noscript>
				</div>
			</fetcher.Form>
			<div aria-live="polite" className="mt-3 space-y-1 text-sm" data-testid="receipts">
				{busy ? <p>Uploading…</p> : null}
				{fetcher.data?.error ? (
					<p role="alert" className="text-danger">
						{fetcher.data.error}
						{fetcher.data.code ? ` (${fetcher.data.code})` : null}
					</p>
				) : null}
				{receipts.map((r, i) => (
					<p
						key={`${r.fileName}-${i}`}
						data-testid="receipt"
						data-outcome={r.outcome}
						className={r.outcome === 'refused' ? 'text-danger' : 'text-ok'}
					>
						<span className="font-medium">{r.fileName}</span>:{' '}
						{r.outcome === 'refused'
							? `refused: ${r.message} (${r.code})`
							: r.outcome === 'duplicate'
								? 'already received; the fax held is the same file'
								: `received (${r.pages} page${r.pages === 1 ? '' : 's'})`}
					</p>
				))}
			</div>
		</div>
	)
}
