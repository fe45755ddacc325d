/**
 * Word lists of the de-identification detector that are not names: ordinary English and clinical
 * words that are often capitalised (at the start of a sentence, in headings, in title case), the
 * places Safe Harbor permits (states and countries), and the cue words of addresses. Written for
 * Chartside from general knowledge; lower case, ASCII folded, whitespace-separated.
 *
 * A capitalised word found here is not a name candidate. A word missing here is only a candidate,
 * not a detection: the detector then looks for cues or reports the word as uncertain.
 */

/** Function words, common verbs, adverbs, adjectives and nouns of everyday English. */
export const COMMON_WORDS_TEXT = `
a about above absolutely accept accepted according account accounts across act action actions
active actually add added additional address adult adventure advice afghan african after
afternoon afterwards again against age agency ago agree agreed ah ahead aid air albanian all
allow almost alone along already also although always am amazing american americans among amount
an and angry animal animals animation annual another answer answered answers any anybody anyone
anything anyway anywhere apart apartment apparently appears application apply appointment
appreciate approach approved april arab arabic arabs are area areas argentine argentinian arm
armenian army around arrive arrived arriving article as asian ask asked asking asks associates
at ate attack attended attention august australian austrian available avenue average avoid
awarded away awesome back bad bank base based basic basically be beautiful became because become
becomes bed been before began begin beginning begins behind being belgian believe believes
belongs below benefit bengali beside besides best better between beyond big biggest billing
birth birthday bit block blocked board body book born bosnian boss bot both bottom bought box
boy brain brazilian break bring brings british broke brother brought buddhist build building
built bulgarian business busy but buy by call called calling calls cambodian came can canadian
cancel cannot car card care career careful carried carries case cases cat catholic caucasian
caught cause causes center centre certain certainly chair challenge chance change changed
changes charge charged charges chechen check checked cheers chief child children chilean chinese
choice choose chose church city claim class clean clear clearly client clinic close closed club
co coach code coffee cold collective college colombian come comedy comes coming comment
community company complete completely concerned concert condition conference confirm consider
contact continue continued continues control cool copy corner corp corporation correct cost
could council count country couple course court cover create credit cried croatian cross cuban
current currently customer cut czech daily damage danish dark data date daughter day days dead
deal dear death december decide decided decides decision deep definitely degree denies
department describe described design desk despite detail details development develops did didn
die died difference different difficult dinner direct directed direction director discussed do
dob doctor documentary does doing dollar dominican done door double down dr drama draw dream
drinks drive driver drop drove during dutch e-mail each early earth easy eat eats economy
education effect effort egyptian eight either else email emirati employee end ended english
enjoy enjoys enough ensure enter entire especially estonian ethiopian european even evening
event events ever every everybody everyone everything everywhere exactly example excellent
except excuse exercise expect expected experience explain explains extra eye face fact fail fair
fall falls false family famous fan far fast father favorite fax fear february feel feeling feels
feet fell felt few field fifth fight figure file filipino final finally financial find finds
fine finish finished finnish fire firm first five floor fly focus follow following follows food
foot for force forget forgot form former forward found foundation four free french friday friend
friends from front full fun fund funds further future game gave general generally georgian
german germans get gets getting girl give given gives giving glad go god goes going gone good
got gotten government great greatest greek green group grow growing guatemalan guess guilty had
haitian half hand happen happened happens happy hard has hasn have having hawaiian he head
health hear heard heart hebrew hello help helped helps her here hers herself hey hi high him
himself hindu his hispanic history hit hmong hold home honduran honestly hope hopes horror
hospital hot hotel hour hours house how however huge human hundred hungarian husband i icelandic
idea if important in inc include included including income increase indeed indian indigenous
individual industry info information inside instead institute insurance interest into iranian
iraqi irish is israeli issue issues it italian item items its itself jamaican january japanese
jewish job join joined july june just kazakh keep keeps kept key kid kids kind knew know known
knows korean kurdish lady land language lankan laotian large last late lately later latina
latino latvian law lead learn least leave leaves lebanese left less let lets letter level life
light like likely likes limit line list listen lithuanian little live lives living llc local
long look looking looks lost lot love low ltd made main major make makes making man manager many
march market married matter may maybe me mean meaning means meanwhile media medical meet meeting
member members message met method mexican middle might mind mine minute minutes miss mission
mobile model moment monday money mongolian month months more morning moroccan most mother move
moved moves movie mr mrn mrs ms much music muslim must my myself mystery name names national
native nature near nearly necessary need needed needs neither nepali network never nevertheless
new news next nicaraguan nice nigerian night nine no nobody none nonetheless nor normal
norwegian not note notes nothing notice noticed november now number numbers october of off offer
office officer often oh ok okay old on once one online only onto open opened option options or
order other others otherwise our ours ourselves out outside over overall own page paid pain
pakistani palestinian paper parent parents part particular partners party pass past pay payment
people per perhaps period persian person personal peruvian phone pick picture piece place plan
play player please plus point police policy polish poor popular portuguese position possible
post power practice prefer present presents president pretty prevent previously price private
probably problem problems process produce product program project protestant proud provide
public puerto pull punjabi purpose push put question questions quick quickly quite radio raise
range rarely rate rather reach read ready real really reason recalls receive received recent
recently record red reduce regarding regardless region related relationship remain remember
remove report reports request required research resource respond response rest result results
return returns review rican rich right rise risk road rock role romanian room rule run running
russian safe said sale salvadoran same samoan saturday saudi saudis save saw say saying says
scene school scottish second see seek seem seems seen seldom sell send sends sense sent
september serbian series serious serve service services set seven several shall share she short
should show showed shows side sign similar simple simply since single sir sister sit site six
size slept small so social somali some somebody someone something sometimes somewhat son song
soon sorry sort sound source south space spanish speak special specific spend sri ssn staff
stage stand standard start started starts state stated statement states station stay step still
stop stopped story street strong student study stuff style subject success such suddenly suggest
summer sunday support sure surname suspense swedish swiss syrian system table take taken takes
talk talking task team tell tells ten tends term test thai than thank thanks that the their them
themselves then there thereafter therefore these they they'd thing things think third this those
though thought thousand three thriller through throughout thursday thus tibetan till time times
title to today together told tomorrow tonight too took top total toward town trade traditional
training travel treat treatment tree trial tried tries trip trouble true truly trust try trying
tuesday turkish turn turned two type ukrainian under understand unfortunately union unit united
university unless until up update upon us use used user uses using usually uzbek value various
venezuelan very vietnamese view visit voice vote wait walk wall want wanted wants war was wasn
watch water way we web website wednesday week weekend weeks weight welcome well welsh went were
west what whatever when whenever where whereas wherever whether which while white who whole whom
whose why wife will win window wish with within without woman women wonder wonderful word words
work worked working world worry would wouldn wow write writing written wrong yeah year years yes
yesterday yet you young your yours yourself zip
`

/** Clinical and health-care words often capitalised in notes (headings, sentence starts). */
export const CLINICAL_WORDS_TEXT = `
abdomen abdominal abnormal acute adenopathy admission admit admitted adverse airway alert
allergic allergies allergy ambulance ambulatory anemia anesthesia aneurysm angina antibiotic
antibiotics anxiety aortic appendicitis appetite arrhythmia arterial artery arthritis
assessment asthma atrial attending auscultation back bacterial benign bilateral biopsy bladder
bleeding blood bone bowel bp brain breast breath breathing bronchitis cancer cardiac
cardiology cardiovascular care cataract catheter cbc cerebral cervical chart chemotherapy chest
cholesterol chronic cirrhosis clinic clinical clinician colon colonoscopy complaint
complications consult consultation copd cough covid cranial creatinine ct cyst daily deficit
dementia denies depression dermatitis diabetes diagnosis diagnostic dialysis diarrhea diastolic
diet discharge discharged disease disorder dizziness dose doses dosage drug drugs ear ecg echo
edema ekg elevated emergency encounter endocrine endoscopy enzyme epilepsy er exam examination
extremities extremity eyes family fatigue fever fibrillation findings fluid fluids follow
followup fracture function gait gastric gastrointestinal general genitourinary glucose gout
guideline headache headaches healthy hearing heart heent height hematology hemoglobin hepatic
hepatitis hernia hip history hiv hospice hospitalization hpi hypertension hypotension
hypothyroidism illness imaging immunization immunizations impression infection inflammation
influenza inpatient insulin intake intravenous iv joint kidney knee lab laboratory labs left
lesion lesions leukemia lipid liver lower lumbar lung lungs lymph lymphoma mammogram mass
medication medications medicine mellitus mental metabolic mg migraine mild mri murmur muscle
musculoskeletal nausea neck negative neurologic neurological neurology normal nose nurse nursing
nutrition obesity objective observation obstetric occupational oncology oral orthopedic
outpatient oxygen pain palpation pancreatitis past pathology patient patients pediatric pelvic
pelvis pharmacy physical physician plan plans pneumonia positive post postoperative pregnancy
prescription pressure primary problem procedure procedures prognosis psychiatric pulmonary
pulse radiology range rash rate recommendations referral renal respiratory results review rhythm
right ros scan screening seizure seizures sepsis severe shoulder sinus skin sleep social
specialist spine stable status stomach stroke subjective surgery surgical swelling symptom
symptoms syndrome systemic systolic tablet tablets temperature tenderness therapy throat
thyroid tissue tomography transplant trauma treatment tumor ultrasound upper urgent urinary
urine vaccine vascular vein vital vitals vomiting ward weakness wound xray
`

/** Places Safe Harbor does not require removing: US states and countries (and a few regions). */
export const PERMITTED_PLACES_TEXT = `
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
tennessee texas utah vermont virginia washington wisconsin wyoming
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana
brazil brunei bulgaria burundi cambodia cameroon canada chad chile china colombia congo croatia
cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia
fiji finland france gabon gambia germany ghana greece greenland grenada guatemala guinea guyana
haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia
libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique
myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau
palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan
tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
africa america americas antarctica asia europe oceania scandinavia
`

/** Multi-word permitted places, one a line. */
export const PERMITTED_PLACE_PHRASES_TEXT = `
new hampshire
new jersey
new mexico
new york
north carolina
north dakota
rhode island
south carolina
south dakota
west virginia
district of columbia
puerto rico
united states
united states of america
united kingdom
great britain
czech republic
south africa
new zealand
south korea
north korea
saudi arabia
sri lanka
costa rica
el salvador
dominican republic
ivory coast
sierra leone
united arab emirates
papua new guinea
hong kong
north america
south america
latin america
middle east
`

/** Words that end a street name ("Main Street", "Elm Ave"); the detector matches them as such. */
export const STREET_WORDS_TEXT = `
alley allee av ave avenida avenue bend blvd boulevard bypass cir circle close cres crescent
court ct cv dr drive expressway expy extension extensions fwy freeway gardens gate gateway glen
grove heights highway hwy lane ln loop mall manor mews motorway parade park parkway path pike
pkwy pl place plaza point pt rd road row rue run sq square st street strasse ter terrace trail
trl turnpike via viale way wynd
`

/**
 * Surnames that name a disease, sign or device ("Parkinson disease", "Murphy sign", "Foley
 * catheter"): such a word followed by one of EPONYM_FOLLOWERS is not a person.
 */
export const EPONYMS_TEXT = `
achilles addison alzheimer apgar apgars asperger babinski baker barlow barrett bartholin bell
breslow brudzinski burkitt chvostek colles crohn cushing down durkan epstein ewing fallot
finkelstein foley glasgow gleason graves guillain hashimoto hirschsprung hodgkin homan
homans hounsfield huntington kaposi karnofsky kawasaki kernig lachman lisfranc lyme mallampati
marfan mattis mcburney mcmurphy mcmurray meniere moro murphy neer ortolani osgood paget
parkinson phalen raynaud reiter rinne romberg sjogren smith spurling tinel tinetti
tourette trendelenburg trousseau turner virchow wechsler wells wernicke whipple wilms wilson
wolff
`
export const EPONYM_FOLLOWERS_TEXT = `
catheter cell cells chorea lung classification coma criteria cyst dementia disease diseases esophagus fracture gait law lymphoma maneuver node nodes palsy phenomenon point position procedure reflex sarcoma scale score sign signs stage staging syndrome tendon test tests thyroiditis triad tumor ulcer virus
`
