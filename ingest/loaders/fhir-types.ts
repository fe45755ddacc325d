import type {
	AllergyIntoleranceResource,
	ChartPatientResource,
	ConditionResource,
	DiagnosticReportResource,
	DocumentReferenceResource,
	EncounterResource,
	ImmunizationResource,
	MedicationRequestResource,
	MedicationResource,
	ObservationResource,
	ProcedureResource,
	Reference,
} from '../fhir/resources.ts'

/** One patient's validated FHIR resources, as the document builders (fhir-*.ts) read them. */
export type ChartResources = {
	patient: ChartPatientResource | null
	/** The patient part of derived documents' source ids: `Patient/<sourceKey>/problem-list`. */
	sourceKey: string
	encounters: EncounterResource[]
	conditions: ConditionResource[]
	medicationRequests: MedicationRequestResource[]
	observations: ObservationResource[]
	reports: DiagnosticReportResource[]
	allergies: AllergyIntoleranceResource[]
	immunizations: ImmunizationResource[]
	procedures: ProcedureResource[]
	notes: DocumentReferenceResource[]
	/** Medication resources of the file, by id (MedicationRequest.medicationReference). */
	medications: Map<string, MedicationResource>
	/** A reference → the id of the resource it points at (bundle fullUrl aliases applied). */
	resolve: (ref: Reference | undefined) => string | null
}

export const FHIR_SOURCE = 'fhir'
