/**
 * Clinical vocabulary of the de-identification detector: words of notes that are often
 * capitalised (headings, the start of an exam line, brand names) and are not identifiers.
 * Written for Chartside from general medical knowledge; lower case, whitespace-separated.
 * A capitalised word found here is never reported as a possible name.
 */

/** Anatomy, examination, symptoms, findings, tests and procedures. */
export const CLINICAL_TERMS_TEXT = `
abdomen abduction abrasion abscess absent accessory accordingly acid acne acuity addendum
additionally adduction adenoma adjust adnexa adnexal adrenal afebrile affect agitation alcohol
alignment alkaline alopecia alpha alveolar ambulate ambulation amniotic amputation anal
analgesia anastomosis anemic anesthesiology aneurysmal angiogram angiography angioplasty
anicteric ankle ankles anorexia anoscopy anterior antibody anticoagulation antigen anus anxious
aorta apex apical appearance appendectomy appendix applying arch areola arm arms arousal
arterial arteries arteriogram articular ascites aspiration assisted asymmetric asymptomatic
atelectasis atraumatic atrium atrophy attestation attitude audiogram auditory aura auricular
auscultated autoimmune awake axial axilla axillary axis baby back bacteria balance band barium
basal baseline battery behavior behavioral benign beta biceps bilirubin bimanual biometry birads
bladder blister bloating blurred bmi bmp body bone bones bowel bowels brachial bradycardia brain
brainstem breast breasts breath breathing brief brisk bronchial bronchoscopy bruising bruit
bruits buccal bulging bun bundle bursa bursitis buttock calcification calcium calf caliber
callus calves canal candida cannula capillary capsule carbon carcinoma cardiology cardiomegaly
cardiopulmonary carotid carotids carpal cartilage cataracts catheterization cauda caudal cavity
cc cellulitis central cephalic cerebellar cerebellum cerebrovascular cerumen cervix cesarean
chem chemistry childhood chills cholecystectomy chronic circulation circumference clavicle clear
clonus clot clubbing coagulation coarse coccyx cognition cognitive colitis collateral colonic
color coma comminuted comparison complete complex compression concentric concussion conduction
confusion congenital congestion congestive conjunctiva conjunctivae conjunctival conscious
consent consonant constipation constitutional content contour contrast contusion coord
coordination cornea corneal coronal coronary cortex cortical cortisol cost costal costovertebral
crackles cramping cramps cranial craniocaudal craniotomy cranium creatinine crepitus cruciate
culture cultures cyanosis cystoscopy cysts cytology daytime debridement decreased deep deferred
deformity degenerative dehydration delivery delta deltoid dental dentition depressed dermal
dermatologic dermatology descending developmental deviation diabetic diagnoses diaphoresis
diaphragm diastolic dictated diet differential diffuse digit digital digits dilated dilation
diminished diplopia discharge discomfort discs disk disks dislocation dispense distal distended
distention diuresis diverticulitis diverticulosis dizzy doppler dorsal dorsalis dorsiflexion
drainage dressing drink dry duct due duodenum duplex dural dysarthria dysarthric dysphagia
dyspnea dysuria e-coli earlier ears eating ecchymosis echocardiogram eczema edentulous effusion
elbow elbows elderberry electrolytes electronically elixir embolism emesis emphasis enclosure
endocrinology endometrial endoscopic enlarged enlargement entry eoms epidural epigastric
epiglottic epistaxis equal erythema esophageal esophagus estimated eustachian euthymic
evaluation exacerbation excision exertion exophthalmos expiratory extension extensor external
extraocular exudate eye eyelid eyelids face facial factors fahrenheit fascia fasciculations
fatigue fecal feeding feet femoral femur fetal fetus fever fibroids fibula finger fingers fish
fistula fixation flank flat flexion flexor flow fluid focal foley follicle fontanelle foot
forearm forehead formula fracture fractures frequency frontal frozen full fundi fundoscopic
fundus funduscopic furthermore gag gait gallbladder gamma ganglia gastric gastroenterology
gastroesophageal gastrostomy gated gel gen generic genital genitalia genitourinary gestation
gestational gingiva gland glands glaucoma glenohumeral global glucose gluteal goiter grade graft
gravida groin grossly guaiac gums gyn gynecologic gynecology habits hair hallux hand hands head
healthcare hearing heartburn heel hematemesis hematocrit hematologic hematology hematoma
hematuria hemiparesis hemoccult hemodynamic hemoglobin hemorrhage hemorrhoids hemostasis
hepatomegaly hernia hgb hip hips hoarseness holter homicidal hospice hospitalist
hospitalizations ht humerus hydration hygiene hyperlipidemia hyperreflexia hypertrophy
hypoglycemia hypokalemia hyponatremia hypoxia hysterectomy hz icy ileum iliac illicit immune
impaired implant incision incontinence increased indole induration infant infarct infarction
inferior infiltrate inflammatory infrequent inguinal injection injury inner insight insomnia
inspection inspiratory insufficiency intact integumentary intelligence intercostal interestingly
intermittent internal interstitial interval intolerances intracranial intraoperative intubation
iron irregular ischemia ischemic jaundice jaw jejunum joint joints judgment jugular jvd jvp
kidneys klebsiella knees knuckle labia labial labor laceration lack lacrimal laminectomy
language laparoscopic laparoscopy largest laryngeal larynx later lateral leg legs length lens
lethargic lethargy leukocytosis ligament ligaments limb limbs lip lipids lips liver lobe lobes
localized locomotor lordosis lower lumbosacral lumen lumpectomy lying lymphadenopathy lymphatic
lymphatics lymphedema macular magnesia magnesium malaise malignant malleolus mammary mandible
manifest mannitol manual margin margins marrow mastectomy maternal maxillary maximum meantime
meatus medial mediastinal mediastinum membrane membranes memory meninges meniscus menses
menstrual mental mesenteric metabolic metacarpal metastasis metastatic metatarsal midline mild
mildly milk minimum minor mitral mobility moderate modifying moist molecular mood morbid
moreover motor mouth movement movements mucosa mucous multilevel murmurs muscles muscular
myalgia myocardial nail nails naming nares nasal nasopharynx nausea neck necrosis neonatal
neoplasm nephrectomy nephrology nerve nerves nervous neuro neurologic neuropathy neurosurgery
neurovascular newborn nighttime nipple nocturia nodes nodule nodules noncontrast noncontributory
nondistended nonfocal nonlabored nonsignificant nontender nontoxic normoactive normocephalic
nose nostril nuclear numbness nutritional obese obesity oblique obstetrics obstruction
obstructive occipital occlusion ocular oculocephalic oculomotor odor olecranon oncologic
oncology onset opacity ophthalmic ophthalmologic ophthalmology optic oral orbit orbital
organomegaly oriented oropharynx orthopedics orthopnea orthostatic osteoarthritis osteopenia
osteoporosis otitis otolaryngology ovarian ovaries ovary overweight oxygenation oxyhemoglobin
paced palate palatine pale pallor palmar palpable palpation palpitations pancreas pancreatic
panel pap papilledema paralysis paraspinal parathyroid parenchyma paresthesias parietal
paroxysmal patella patellar paternal pathologic peak pectoral pedal pediatrics pelvis penile
penis perforation performance perfusion pericardial pericardium perineal perineum periorbital
periosteal peripheral peristalsis peritoneal peritoneum perrl perrla pertinent petechiae phalanx
pharyngeal pharynx phlebotomy photophobia physiatry physiologic pink pitting placenta plain
plantar plantars plaque plaques platelet platelets pleural plexus pneumothorax podiatry poison
polyp polyps popliteal portal positive posterior postop postoperatively postpartum
posttransplant posture potassium preeclampsia pregnant premature prenatal preoperative presence
presences pressure principal proctoscopy progressive pronation prone proptosis prostate
prosthesis protein proteinuria prothrombin proton protuberant proximal pruritus pseudomonas
psychiatric psychiatry psychomotor psychosocial ptosis puberty pubic pulmonic pulmonology pulse
pulses pupil pupils purulent pylorus pyuria quadrant quadriceps questionnaire quit radial
radiation radicular radiculopathy radiograph radiographs radiologic radiology radius rales range
rashes rate rating reassurance rebound recheck rectal rectum recurrent refill refills reflex
reflexes reflux regurgitation rehabilitation remote renal repair resection residual resolved
resp respectfully respiration respirations retina retinal retinopathy retraction rh rheumatology
rhinorrhea rhonchi rib ribs rigidity romberg rotation rotator rub rx sacral sacrum sagittal
saline salivary sample samples satisfactory scale scalp scapula scar scars sciatica sclera
sclerae scoliosis screen screening scrotal scrotum secretions sedation segment seizure sensation
sensorium sensory sentence septal septum serous serum shin shoulders sig sincerely sinuses skull
sleepiness small smallest smokes smooth sodium soft somnolent soreness spasm spasms speech sperm
sphincter spinal spine spleen splenomegaly sports spurling sputum stance staphylococcus stenosis
stent sterile sternal sternum stiffness stool stools strabismus straight streaky strength strep
streptococcus stridor subcutaneous subjective sublingual suicidal supine supple suprapubic
surgical suture sutures swallowing sweats switch swollen symbol symmetric symmetrical syncope
synovial tachycardia tachycardic tachypnea tandem technetium telemetry temp temperature temporal
tenderness tendon tendons testes testicle testicular thalamus thigh thighs thoracic thorax
thrill throat thrombosis thumb thyroid tibia tibial tick timing tinnitus tissue tobacco toe
toenail toenails toes token tone tongue tonsil tonsillar tonsils tooth torso trace trachea
tracheal transcribed transesophageal transfusion transient transthoracic transverse tremor
triceps trigeminal triglycerides troponin trunk tubal tubes tumor turbinates tympanic
tympanostomy ulcer ulceration ulcers ulna ulnar umbilical umbilicus unremarkable unsteady upper
ureter ureteral urethra urethral urgency urinalysis urology urticaria uterine uterus uvula
vaccination vaccines vagina vaginal valley valve valves valvular variables varicose vein veins
venous ventral ventricle ventricular vertebra vertebrae vertebral vertigo vesicles vessel
vessels vestibular viral visual vitreous voiding vulva waist warm weakness wheezes wheezing
workup worst wrist wrists wt xiphoid zinc
`

/** Verbs, adjectives and adverbs that start lines of notes ("Denies…", "Recommend…"). */
export const CLINICAL_PHRASING_TEXT = `
abnormal absent acute additional administered admitted advised ambulating ambulatory anticipated
anticipatory apparent applied appropriate approximately arranged assessed assisted associated
attempted available awake aware bilateral bilaterally brief briefly chronically clinically
comfortable complains completed comprehensive concerning confirmed consistent continue
continued counseled counseling currently decreased deferred demonstrated demonstrates denied
denies described diagnosed diffusely diminished discontinue discontinued discussed distant
documented done early elderly elevated employed encouraged endorse endorses endorsed episodic
established evaluate evaluated examined excellent exposed extended external family febrile
findings follow-up followed followup further generalized given good grossly healing healthy
hopefully however identified identifying immediately improved improving include includes
including increased independent independently indicated informed initial initially initiate
initiated instructed intact intermittently internal irregular large last limited lucid
markedly mild mildly minimal minimally moderate moderately monitor monitors multiple negative
new newly noncompliant none normal noted notable obtain obtained occasional occasionally ongoing
ordered oriented overall partial patient performed persistent pertinent placed pleasant poor
positive possible postoperative predominant preliminary prescribed presenting presents previous
previously primary prior probable procedure progressive prompt questionable rapid reasoning
recent recently recommend recommended recurrent referred refer refused regular remainder
remarkable remote repeat repeated reported reports requested resolved resume returned reveal
revealed reveals review reviewed routine scheduled schedule secondary sequential several
severe severely significant similar similarly slight slightly slowed stable started starting
status stopped strong subsequent subsequently suggest suggested suspected symptomatic tender
testing therapeutic tolerated tolerating total treated unable unchanged unclear unknown
unremarkable upcoming urgent usual utilizes utilize visualized well well-developed
well-nourished within worse worsening
`

/** Medication names that are usually capitalised: brands and common generics. */
export const MEDICATION_NAMES_TEXT = `
abilify accolate accupril accutane aceon acetaminophen acetazolamide aciphex actemra actonel
actos adalat adderall advair advil afrin aircast albuterol aldactone aldomet aleve allegra
allopurinol alprazolam altace amaryl ambien amiodarone amitriptyline amlodipine amoxicillin
amoxil anaprox anastrozole ancef androgel antibiotics antihistamine antivert anusol aricept
arimidex aristocort aspirin atacand atarax atenolol ativan atorvastatin atrovent aubagio
augmentin austedo avalide avandia avapro avastin avelox avodart avonex azilect azithromycin
azmacort azulfidine baclofen bactrim bactroban belbuca belsomra benadryl benicar bentyl
benzonatate betapace biaxin biologic boniva botox brilinta brintellix bumex buprenorphine
bupropion buspar buspirone butrans byetta bystolic calan caplyta capoten carafate carboplatin
cardiolite cardizem cardura carvedilol catapres ceftriaxone celebrex celestone celexa centrum
cephalexin cetirizine chantix cialis cimzia cipro ciprofloxacin cisplatin citalopram clarinex
claritin cleocin clinoril clonazepam clonidine clopidogrel clozaril codeine cogentin colace
colchicine combivent compazine concerta copaxone coreg corgard cortef cosentyx coumadin cozaar
crestor cyclobenzaprine cymbalta cytomel cytoxan dalmane darvocet daypro dayquil decadron
deltasone demerol depakene depakote desyrel detrol dexamethasone diabeta diamox diastat diazepam
diclofenac diflucan digoxin dilantin dilaudid diltiazem diovan diphenhydramine ditropan docusate
dolophine donepezil dosepak doxycycline dramamine duloxetine dupixent duragesic dyazide ecotrin
effexor elavil eliquis elocon emsam enalapril enbrel entresto epiduo epipen escitalopram estrace
evista exalgo exelon famotidine fanapt farxiga feldene fentanyl fetzima finasteride fioricet
flagyl flexeril flomax flonase flovent fluconazole fluocinonide fluoxetine fluticasone focalin
folic fosamax furosemide gabapentin geodon gilenya gleevec glipizide glucophage glucotrol
glyburide guaifenesin halcion haldol heparin herceptin humalog humira humulin hydralazine hydrea
hydrochlorothiazide hydrocodone hydroxyzine hysingla hytrin ibuprofen imdur imitrex imodium
imuran inderal indocin ingrezza insulin intermezzo intuniv invega invokana iodine isordil
isosorbide isovue januvia jardiance k-dur kapvay keflex kenalog keppra ketorolac keytruda
kineret klonopin labetalol lamictal lamisil lamotrigine lanoxin lantus lasix latex latuda
letrozole levall levaquin levemir levetiracetam levitra levothroid levothyroxine levoxyl lexapro
lexiscan librium lidocaine lipitor lisinopril lodine lomotil lopid lopressor loratadine
lorazepam lorcet lortab losartan lotensin lotrel lovenox lunesta lupron luvox lyrica macrobid
macrodantin meclizine mederma medrol meloxicam metamucil metformin methadone methotrexate
methylprednisolone metoclopramide metoprolol metronidazole mevacor miacalcin micardis
microgestin micronase micronor minipress miralax mirapex mirtazapine mobic montelukast morphine
motrin multivitamin mycostatin mylicon myoview naloxone naltrexone namenda naprosyn naproxen
narcan nasacort nasonex neosporin neosure neupro neurontin nexium niaspan nicorette
nitrofurantoin nitroglycerin nitrostat nizoral norco normodyne norvasc novolin novolog nsaid
nsaids nucynta nuplazid nuvaring nuvigil nyquil nystatin ocrevus olanzapine omeprazole omnicef
omnipaque ondansetron opana opdivo opioid opioids orencia ortho otezla oxybutynin oxycodone
oxycontin ozempic pamelor pantoprazole paroxetine patanol paxil pedialyte penicillin penicillins
pepcid percocet periactin persantine phenergan phenytoin phexxi pioglitazone plaquenil plavix
plendil pletal pneumovax potassium pradaxa pravachol pravastatin prednisolone prednisone
pregabalin premarin prevacid prilosec prinivil pristiq procardia procrit prograf prolia prolixin
promethazine propecia propranolol proscar protonix proventil provera provigil prozac pulmicort
qelbree quetiapine ranitidine razadyne rebif reglan relafen remeron remicade requip restoril
revlimid rexulti rhinocort risperdal risperidone ritalin rituxan robaxin robitussin rocephin
ropinirole rosuvastatin roxanol rozerem sanctura saphris senna senokot seroquel sertraline
shiley silenor simponi simvastatin sinemet singulair skelaxin skyrizi soma sonata spiriva
spironolactone statin statins stelara steroids strattera sublocade suboxone subutex sucralfate
sudafed sular sulfa sulfonamide sumatriptan sunosi symbicort synthroid synvisc tagamet taltz
talwin tamiflu tamoxifen tamsulosin taxol tecfidera tegretol tekturna tenex tenormin terazosin
tessalon timoptic tizanidine tofranil topamax topiramate toprol toradol tramadol trazodone
tremfya trental triamcinolone triamterene tricor trileptal trintellix trulicity tums tylenol
ultram uroxatral valacyclovir valium valsartan valtrex vasotec venlafaxine ventolin verapamil
versed vesicare viagra vicodin vicryl viibryd vioxx vistaril vitamin vivitrol voltaren vraylar
vytorin vyvanse warfarin wellbutrin xalatan xanax xarelto xeljanz xopenex xyrem zanaflex zantac
zaroxolyn zestoretic zestril zetia ziac zithromax zocor zofran zohydro zoloft zolpidem zomig
zonegran zosyn zovirax zyloprim zyprexa zyrtec zyvox
`

/** Abbreviations and short forms of notes (kept here because some are longer than four letters). */
export const CLINICAL_ABBREVIATIONS_TEXT = `
a1c abg ace adls afib aki ald alt ast bipap bmp bnp bph bpm bun cabg cad cbc ccu chem chf ckd
cmp copd cpap cpr crp csf cva cxr dka dm dnr dtrs dvt echo eeg egd ekg ekgs emg emr ent eoms
esr etoh fev fvc gerd gfr gi gu hba1c hct hdl heent hgb hpi htn ibs icd icu inr iud ivf jvd
kub ldl lft lfts lmp loc mi mmse mra mri mrsa nad nicu npo nsr nstemi ob obgyn pacu pcp pe pet
picu plt pmh pna ppd prbc prn psa pt ptt pvcs pvd rbc rom ros rrr rsv sob spect spo spo2 sti
stis stds stemi tb tia tias tms tsh uri uti vfftc wbc wnl xr
`
