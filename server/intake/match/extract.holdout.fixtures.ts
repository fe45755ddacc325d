import type { ExtractionExample } from './extract.fixtures.ts'

/**
 * HELD OUT: written before the extractor existed and never used to tune it. Layouts and noise
 * chosen to differ from the development examples in extract.test.ts.
 */
export const HOLDOUT_EXAMPLES: ExtractionExample[] = [
	{
		id: 'h01-cover-sheet-then-patient-line',
		text: `FAX TRANSMITTAL
Date: 11/02/2026    Pages: 4 (including cover)
To: Chartside Medical Group   Attn: Medical Records
Fax: (617) 555-0148
From: Dr. Helena Marchetti, MD
Lakeshore Cardiology Associates
Phone: 617-555-0199
RE: Patient: VASQUEZ, ROSALIND M    DOB: 07/22/1948
CONFIDENTIALITY NOTICE: This facsimile contains protected health information.`,
		expect: {
			name: { given: 'Rosalind', family: 'Vasquez' },
			birthDate: '1948-07-22',
			mrn: null,
			phone: null,
			notPatient: ['Helena Marchetti'],
		},
	},
	{
		id: 'h02-lab-header-ocr-noise',
		text: `NORTHGATE REFERENCE LABORATORY
PATlENT NAME: O'CONNELL, DECLAN         SEX: M
D0B: 1O/O3/1961       MRN: 0048812
ACCT#: 99120033   COLLECTED: 10/28/2026 07:41
ORDERING PHYSICIAN: PRIYA DESHMUKH MD
TEST            RESULT     FLAG   UNITS
SODIUM          139               mmol/L
POTASSIUM       5.6        H      mmol/L`,
		expect: {
			name: { given: 'Declan', family: "O'Connell" },
			birthDate: '1961-10-03',
			mrn: '0048812',
			phone: null,
			notPatient: ['Priya Deshmukh'],
		},
	},
	{
		id: 'h03-letter-re-line-natural-order',
		text: `Riverside Orthopaedic Surgeons
1200 Mill Street, Suite 4
Dear Dr. Okafor,

Re: Thomas J. Abernathy    Date of Birth: March 9, 1972

Thank you for referring Mr. Abernathy, whom I saw today for right knee pain.
Sincerely,
Gregory Lindahl, MD`,
		expect: {
			name: { given: 'Thomas', family: 'Abernathy' },
			birthDate: '1972-03-09',
			mrn: null,
			phone: null,
			notPatient: ['Okafor', 'Gregory Lindahl'],
		},
	},
	{
		id: 'h04-prior-auth-form-table',
		text: `PRIOR AUTHORIZATION REQUEST FORM
Member Information
Member Name: Keiko Tanabe-Ross
Member ID: XKW441902    Date of Birth: 1985-12-01
Phone: 508.555.0131
Prescriber Information
Prescriber Name: Alan Whitcombe, NP     NPI: 1234567893
Prescriber Phone: 508-555-0177`,
		expect: {
			name: { given: 'Keiko', family: 'Tanabe-Ross' },
			birthDate: '1985-12-01',
			mrn: null,
			phone: '5085550131',
			notPatient: ['Alan Whitcombe'],
		},
	},
	{
		id: 'h05-broken-spacing-two-digit-year',
		text: `DISCHARGE  SUMMARY
Pt  Name :  Fitzgerald ,  Maeve
D O B :  4/5/39     Med  Rec  No :  MR-228190
Admit: 10/01/2026   Discharge: 10/06/2026
Attending: Samuel Oduya, MD`,
		expect: {
			name: { given: 'Maeve', family: 'Fitzgerald' },
			birthDate: '1939-04-05',
			mrn: 'MR-228190',
			phone: null,
			notPatient: ['Samuel Oduya'],
		},
	},
	{
		id: 'h06-dd-mon-yyyy-and-chart-number',
		text: `Radiology Report
Name: BRANDT HENRIK
Birthdate: 17-Aug-1955    Chart #: 7730145
Exam: CT chest without contrast   Date: 02-Nov-2026
Referring physician: Lucia Ferreira
IMPRESSION: No acute abnormality.`,
		expect: {
			name: { given: 'Henrik', family: 'Brandt' },
			birthDate: '1955-08-17',
			mrn: '7730145',
			phone: null,
			notPatient: ['Lucia Ferreira'],
		},
	},
	{
		id: 'h07-dob-before-name-no-label',
		text: `PHARMACY REFILL REQUEST
Greenway Pharmacy #0412   Ph (413) 555-0102
DOB 02/14/1990 Nadia Petrova
Rx: lisinopril 10 mg tab, qty 90
Prescriber: Dr. Owen Blake`,
		expect: {
			name: { given: 'Nadia', family: 'Petrova' },
			birthDate: '1990-02-14',
			mrn: null,
			phone: null,
			notPatient: ['Owen Blake'],
		},
	},
	{
		id: 'h08-records-request-patient-phone',
		text: `REQUEST FOR MEDICAL RECORDS
From: Hartwell & Pike LLP, attn: Janet Colburn
To: Health Information Management
Patient Name: William (Bill) Osei
Date of Birth: 6 Jun 1968
Patient Phone: (774) 555-0163
Medical Record Number: 55-10293
Please send all records from 01/01/2024 to present.`,
		expect: {
			name: { given: 'William', family: 'Osei' },
			birthDate: '1968-06-06',
			mrn: '55-10293',
			phone: '7745550163',
			notPatient: ['Janet Colburn'],
		},
	},
	{
		id: 'h09-junk-no-patient',
		text: `*** SPECIAL OFFER FOR MEDICAL OFFICES ***
Upgrade your office copier today! Call 1-800-555-0110
From: Office Supply Direct   To: Office Manager
Reply STOP to 800-555-0111 to be removed.`,
		expect: { name: null, birthDate: null, mrn: null, phone: null, notPatient: ['Office Manager'] },
	},
	{
		id: 'h10-consult-all-caps-with-l-for-1',
		text: `CONSULTATION NOTE
PATIENT: NGUYEN, BAO-TRAN
MR#: 3l0922   DOB: l2/3l/l977
REQUESTING PHYSICIAN: DR. ELIZABETH KWAN
DATE OF SERVICE: 11/03/2026
REASON FOR CONSULTATION: Chronic cough.`,
		expect: {
			name: { given: 'Bao-Tran', family: 'Nguyen' },
			birthDate: '1977-12-31',
			mrn: '310922',
			phone: null,
			notPatient: ['Elizabeth Kwan'],
		},
	},
	{
		id: 'h11-progress-note-signature-block',
		text: `Progress Note - Westfield Family Practice
Patient: Gabriel Mendes   DOB: 09/30/2001   Patient ID: WFP-88213
Visit date: 10/30/2026
S: Follow-up for asthma. Using albuterol twice weekly.
Electronically signed by Rachel Stein, PA-C 10/30/2026 16:02`,
		expect: {
			name: { given: 'Gabriel', family: 'Mendes' },
			birthDate: '2001-09-30',
			mrn: 'WFP-88213',
			phone: null,
			notPatient: ['Rachel Stein'],
		},
	},
]
