import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { faxes } from '#db/schema/faxes.ts'
import { patients } from '#db/schema/patients.ts'
import { SYSTEM_ACTOR } from '#server/audit/sink.ts'
import { parseConfig } from '#server/config/index.ts'
import { makeTiff } from '#server/intake/files/test-files.ts'
import { createLogger } from '#server/log.ts'
import { createServices } from '#server/services.ts'
import { summarize, type Sample } from './harness.ts'

/**
 * Fax intake from upload to filed (issue 17): a 5-page fax-fine G4 TIFF about one synthetic
 * patient (name, birth date and MRN on page 1, so the match is certain) through the whole
 * pipeline in one process on a fresh embedded store: the checks, storing, the ledger, splitting
 * and normalizing pages, OCR (one worker), classification through the de-identified envelope,
 * matching, routing and filing (chunks, embeddings, the injection scan). Each run sends a new
 * file (a different line), since the same bytes twice are one fax. The files are drawn before
 * the clock starts; the first run also starts the OCR worker.
 */
export async function benchUploadToFiled(options: { runs: number; log: (line: string) => void }) {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'chartside-bench-intake-'))
	const services = await createServices(parseConfig({ DATA_DIR: dataDir }), {
		log: createLogger('silent'),
		jobs: 'off',
	})
	const samples: Sample[] = []
	const notes: string[] = []
	try {
		const db = services.system.systemDatabase('evaluation').db
		await db.insert(patients).values({
			fhirId: 'bench-intake-patient',
			mrn: 'BENCH-700001',
			givenName: 'Odalys',
			familyName: 'Quillfeather',
			birthDate: '1950-05-17',
			sex: 'female',
		})
		const files = await Promise.all(
			Array.from({ length: options.runs }, (_, run) =>
				makeTiff({
					pages: 5,
					resolution: 'fine',
					lines: [
						'Harbor Outpatient Laboratory - LAB RESULTS',
						'Patient: QUILLFEATHER, ODALYS   DOB: 05/17/1950   MRN: BENCH-700001',
						`Specimen ${run + 1}: collected 2026-11-02 08:15, reported 2026-11-02 14:40`,
						'Sodium 139 mmol/L (136-145)   Potassium 5.1 mmol/L (3.5-5.1) H',
						'Creatinine 1.4 mg/dL (0.6-1.2) H   eGFR 52 mL/min/1.73m2 L',
						'Hemoglobin A1c 7.9 % (4.0-5.6) H   Glucose 162 mg/dL (70-99) H',
						'Ferritin 412 ng/mL (15-150) H   Vitamin B12 188 pg/mL (200-900) L',
						'Comment: results called to the ordering office. Verified by the laboratory.',
					],
				}),
			),
		)
		const durations: number[] = []
		let filed = 0
		for (const [run, bytes] of files.entries()) {
			const start = performance.now()
			const receipt = await services.intake.receive(
				{ fileName: `bench-${run}.tif`, bytes },
				{ actor: SYSTEM_ACTOR, source: 'folder', requestId: `bench-intake-${run}` },
			)
			durations.push(performance.now() - start)
			if (receipt.outcome === 'refused') throw new Error(`bench fax refused: ${receipt.code}`)
			const [row] = await db
				.select({ status: faxes.status })
				.from(faxes)
				.where(eq(faxes.id, receipt.faxId))
			if (row?.status === 'filed') filed++
		}
		samples.push(summarize('intake pipeline', 'upload to filed, 5-page fax', durations))
		notes.push(
			`intake pipeline: ${filed} of ${options.runs} 5-page faxes filed automatically ` +
				`(the rest routed to review), one OCR worker, embedded store`,
		)
		options.log(`  ${notes[0]}`)
	} finally {
		await services.close()
		await rm(dataDir, { recursive: true, force: true })
	}
	return { samples, notes }
}
