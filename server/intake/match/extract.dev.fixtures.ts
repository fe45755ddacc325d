import type { ExtractionExample } from './extract.fixtures.ts'

/** Development examples: the extractor is tuned against these (extract.test.ts). */
export const DEV_EXAMPLES: ExtractionExample[] = [
	{
		id: 'd01-comma-form-with-middle-initial',
		text: `Patient: SMITH, JOHN A    DOB: 03/04/1956    MRN: 10044872`,
		expect: {
			name: { given: 'John', family: 'Smith' },
			birthDate: '1956-03-04',
			mrn: '10044872',
			phone: null,
		},
	},
	{
		id: 'd02-re-line-natural-order',
		text: `Dear colleague,\nRe: John A. Smith (DOB 3/4/56)\nI saw your patient in clinic today.`,
		expect: {
			name: { given: 'John', family: 'Smith' },
			birthDate: '1956-03-04',
			mrn: null,
			phone: null,
		},
	},
	{
		id: 'd03-name-family-first-no-comma',
		text: `Name: Smith John\nD.O.B.: 1956-03-04\nMed Rec No: A-55120`,
		expect: {
			name: { given: 'John', family: 'Smith' },
			birthDate: '1956-03-04',
			mrn: 'A-55120',
			phone: null,
		},
	},
	{
		id: 'd04-pt-name-and-spelled-date',
		text: `Pt Name: Ana Lucia Ferreira-Gomes\nDate of Birth: March 4, 1956\nHome Phone: (555) 201-3344`,
		expect: {
			name: { given: 'Ana', family: 'Ferreira-Gomes' },
			birthDate: '1956-03-04',
			mrn: null,
			phone: '5552013344',
		},
	},
	{
		id: 'd05-dob-then-name-unlabelled',
		text: `REFILL AUTHORIZATION\nDOB 03/04/1956 John Smith\nMedication: metformin 500 mg`,
		expect: {
			name: { given: 'John', family: 'Smith' },
			birthDate: '1956-03-04',
			mrn: null,
			phone: null,
		},
	},
	{
		id: 'd06-cover-sheet-sender-physician',
		text: `FAX COVER SHEET
To: Dr. Samuel Rivera     Fax: 555-201-0000
From: Maple Street Clinic, Karen Holt RN
Phone: 555-201-7788
Patient Name: Whitaker, Loretta   D.O.B. 11/30/1942
Pages: 3`,
		expect: {
			name: { given: 'Loretta', family: 'Whitaker' },
			birthDate: '1942-11-30',
			mrn: null,
			phone: null,
			notPatient: ['Samuel Rivera', 'Karen Holt'],
		},
	},
	{
		id: 'd07-ocr-noise-o-and-l',
		text: `PATIENT NAME: JAC0BS0N, MlRIAM\nD0B: O2/l9/l95O\nMR#: 77O4l2`,
		expect: {
			name: { given: 'Miriam', family: 'Jacobson' },
			birthDate: '1950-02-19',
			mrn: '770412',
			phone: null,
		},
	},
	{
		id: 'd08-dd-mon-yyyy-upper',
		text: `RADIOLOGY\nPATIENT: KOWALSKI, PIOTR   DOB: 04-MAR-1956   ACCT: 5512009\nEXAM DATE: 10-OCT-2026`,
		expect: {
			name: { given: 'Piotr', family: 'Kowalski' },
			birthDate: '1956-03-04',
			mrn: null,
			phone: null,
		},
	},
	{
		id: 'd09-day-month-words',
		text: `Referral letter\nRegarding: Ms. Imogen Hartley, born 4 Mar 1956.\nPatient ID: HX-20931`,
		expect: {
			name: { given: 'Imogen', family: 'Hartley' },
			birthDate: '1956-03-04',
			mrn: 'HX-20931',
			phone: null,
		},
	},
	{
		id: 'd10-lab-table-patient-block',
		text: `ACME LABS   CLIA 22D0000000
Patient        Collected        Ordering Provider
Name: LEE, SOO-JIN
DOB: 7/1/88     Sex: F
Chart #: 440291
Ordering Provider: Marcus Bell, MD   Phone: 555-301-8899`,
		expect: {
			name: { given: 'Soo-Jin', family: 'Lee' },
			birthDate: '1988-07-01',
			mrn: '440291',
			phone: null,
			notPatient: ['Marcus Bell'],
		},
	},
	{
		id: 'd11-medical-record-number-long-label',
		text: `Medical Record Number: 000123987\nPatient Name: Rafael Ortiz\nBirthdate: 12/25/1979`,
		expect: {
			name: { given: 'Rafael', family: 'Ortiz' },
			birthDate: '1979-12-25',
			mrn: '000123987',
			phone: null,
		},
	},
	{
		id: 'd12-separate-first-last',
		text: `PATIENT INFORMATION\nLast Name: OKAFOR     First Name: CHIDI     MI: E\nDate of Birth: 1961/08/09\nCell: 555.404.1212`,
		expect: {
			name: { given: 'Chidi', family: 'Okafor' },
			birthDate: '1961-08-09',
			mrn: null,
			phone: '5554041212',
		},
	},
	{
		id: 'd13-broken-spacing-labels',
		text: `Patient :Greene,Tobias\nD O B: 05 / 06 / 1970\nM R N: 8812-44`,
		expect: {
			name: { given: 'Tobias', family: 'Greene' },
			birthDate: '1970-05-06',
			mrn: '8812-44',
			phone: null,
		},
	},
	{
		id: 'd14-subject-line-email-style',
		text: `Subject: Records for Harold Finch\nFrom: Records Dept, Mercy General\nDOB: 01/01/1950`,
		expect: {
			name: null,
			birthDate: '1950-01-01',
			mrn: null,
			phone: null,
			notPatient: ['Mercy General'],
		},
	},
	{
		id: 'd15-attn-and-dr-not-patient',
		text: `ATTN: DR. PRIYA NAIR\nFROM: DR. COLE WINTERS MD\nRE: ALVAREZ, MATEO\nDOB: 09/09/2009`,
		expect: {
			name: { given: 'Mateo', family: 'Alvarez' },
			birthDate: '2009-09-09',
			mrn: null,
			phone: null,
			notPatient: ['Priya Nair', 'Cole Winters'],
		},
	},
	{
		id: 'd16-two-digit-year-pivot-recent',
		text: `Patient: Zoe Park   DOB 2/3/19`,
		expect: {
			name: { given: 'Zoe', family: 'Park' },
			birthDate: '2019-02-03',
			mrn: null,
			phone: null,
		},
	},
	{
		id: 'd17-member-name-and-member-id-not-mrn',
		text: `Member Name: DANIEL REYES\nMember ID: W22199401\nDOB: 10/31/1983\nMember Phone: 555-222-0199`,
		expect: {
			name: { given: 'Daniel', family: 'Reyes' },
			birthDate: '1983-10-31',
			mrn: null,
			phone: '5552220199',
		},
	},
	{
		id: 'd18-visit-date-before-dob',
		text: `Visit Date: 10/05/2026\nPatient: Evelyn Brooks\nDOB: 06/15/1937`,
		expect: {
			name: { given: 'Evelyn', family: 'Brooks' },
			birthDate: '1937-06-15',
			mrn: null,
			phone: null,
		},
	},
	{
		id: 'd19-name-beside-date-no-dob-label',
		text: `Patient: Oliver Grant 04/22/1964\nDate of service: 10/20/2026`,
		expect: {
			name: { given: 'Oliver', family: 'Grant' },
			birthDate: '1964-04-22',
			mrn: null,
			phone: null,
		},
	},
	{
		id: 'd20-prescriber-section-name',
		text: `PATIENT
Name: Hannah Schultz
DOB: 08/08/1990
PRESCRIBER
Name: Victor Adeyemi
Phone: 555-313-2020`,
		expect: {
			name: { given: 'Hannah', family: 'Schultz' },
			birthDate: '1990-08-08',
			mrn: null,
			phone: null,
			notPatient: ['Victor Adeyemi'],
		},
	},
]
