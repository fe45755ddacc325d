/**
 * The name lexicon of the de-identification detector: common given names and surnames, written
 * for Chartside from public knowledge of which names are frequent (national name-frequency tables
 * in general, not any data set or person). No entry refers to a real individual; a name's presence
 * here only means "this word is often a name".
 *
 * Words that are also ordinary English words ("grace", "walker", "may", "white") are listed in
 * AMBIGUOUS_NAMES: the detector treats those as names only with a cue (a title, a neighbouring
 * name, capitalisation away from the start of a sentence), never on the word alone.
 *
 * Kept as whitespace-separated text so the file stays a data file; lower case, ASCII folded
 * (the detector folds accents before lookup).
 */

export const GIVEN_NAMES_TEXT = `
aaliyah aaron abby abdul abdullah abel abigail abraham ada adam adele adeline adrian adriana
adrienne agnes ahmad ahmed aidan aileen aisha akira alan alana albert alberto alejandra alejandro
aleksandr alex alexa alexander alexandra alexis alfonso alfred alfredo ali alice alicia alina
alison allan allen allison alma alvaro alvin amanda amber amelia amina amir amit amos amy ana
anastasia anders andre andrea andreas andres andrew andy angel angela angelica angelina angie
anil anita ann anna annabelle anne annette annie anthony antoine antonio april arash archie
ariana ariel arjun arlene armando arnold arthur arturo asha ashley ashok astrid aubrey audrey
august aurora austin ava avery ayesha barbara barry beatrice beatriz becky belinda ben benjamin
bernard bernice bert beth bethany betty beverly bianca bill billy blake bob bobby bonnie boris
brad bradley brandon brenda brendan brent brett brian briana bridget brittany brooke bruce
bruno bryan bryce byron caitlin caleb calvin camila camille candace cara carl carla carlos
carmen carol carole caroline carolyn carrie casey cassandra catalina catherine cecilia cedric
celeste celia cesar chad chandra charlene charles charlie charlotte chelsea cheryl chester chloe
chris christian christina christine christopher cindy claire clara clarence claudia claudio
clayton clifford clinton clyde cody colin colleen connie connor constance cora corey cory
courtney craig cristina crystal curtis cynthia daisy dale dallas damian damon dan dana daniel
daniela danielle danny darius darlene darnell darren darryl dave david dawn dean deanna debbie
deborah debra deepak delia denise dennis derek derrick desiree destiny devin devon dexter diana
diane diego dimitri dmitri dolores dominic dominique don donald donna dora doris dorothy doug
douglas duane dustin dwayne dwight dylan earl ed eddie edgar edith edna eduardo edward edwin
eileen elaine eleanor elena eli elias elijah elisa elise eliza elizabeth ella ellen elliot
elsa elsie emil emilia emilio emily emma emmanuel enrique eric erica erik erika erin ernest
ernesto esmeralda esperanza esther ethan ethel eugene eva evan evelyn everett fabian faith
farah fatima federico felicia felipe felix fernando fiona florence floyd frances francesca
francis francisco frank franklin fred freddie frederick gabriel gabriela gabrielle gail gary
gavin gene geneva geoffrey george georgia gerald geraldine gerardo gilbert gina giovanni
giuseppe gladys glen glenda glenn gloria gordon grace graham grant greg gregory greta gretchen
guadalupe guillermo gustavo gwen gwendolyn hailey haley hamza hank hannah hans harold harriet
harry harvey hassan hazel heather hector heidi helen helena henry herbert herman hilda hiroshi
holly homer hope horace howard hugo hussein ian ibrahim ida ignacio igor ilse imani ines inez
ingrid irene iris irma isaac isabel isabella isabelle isaiah ivan ivy jack jackie jackson jacob
jacqueline jade jaime jake jamal james jamie jan jana jane janet janice jared jasmine jason javier
jay jayden jean jeanette jeanne jeff jeffery jeffrey jenna jennifer jenny jeremiah jeremy jerome
jerry jesse jessica jessie jesus jill jim jimmy jo joan joann joanna joanne joaquin jocelyn jodi
joe joel johanna john johnny jon jonathan jordan jorge jose josef joseph josephine josh joshua
josie joy joyce juan juana juanita judith judy julia julian juliana julie julio june justin
kaitlyn kamal karen karin karina karl kate katelyn katherine kathleen kathryn kathy katie
katrina kay kayla keisha keith kelly kelsey ken kendra kenji kenneth kenny kent kerry kevin
khalid kim kimberly kirk klaus kristen kristin kristina kristy krystal kurt kyle lakisha lance
lara larry latisha latoya laura lauren laurie lawrence leah lee leila lena leo leon leonard
leonardo leroy leslie lester leticia lewis liam lila lillian lily linda lindsay lindsey lisa
logan lois lola lonnie lora lorena loretta lori lorraine louis louise lucas lucia lucy luis
luke luna lydia lynn mabel mackenzie madeline madison mae maggie malcolm mandy manuel mara
marc marcia marco marcus margaret margarita maria mariah marian marie marilyn marina mario
marion marisol marjorie mark marlene marsha marshall martha martin marvin mary mason mateo
matthew maureen maurice max maxine maya megan mei melanie melinda melissa melody melvin mercedes
meredith mia micah michael michele michelle miguel mike mildred miles milton mindy miranda
miriam misty mitchell mohamed mohammad mohammed molly monica monique morgan muhammad myra
myrtle nadia nancy naomi natalia natalie natasha nathan nathaniel neil nelson nicholas nichole
nicolas nicole nikhil nikita nina noah noel nora norma norman olga olive oliver olivia omar
oscar owen pablo paige pamela pat patricia patrick patsy paul paula pauline pearl pedro peggy
penelope penny percy peter philip phillip phyllis pierre preston priscilla priya quentin
rachel rafael rahul raj ralph ramon ramona randall randy raquel raul ray raymond rebecca
regina reginald rene renee rhonda ricardo richard rick ricky riley rita rob robert roberta
roberto robin rochelle rodney rodrigo roger roland ronald ronnie rosa rosalie rose rosemary
ross roxanne roy ruben ruby rudy russell ruth ryan sabrina sadie salvador sam samantha samir
samuel sandra sandy sanjay santiago sara sarah saul savannah scott sean sebastian selena sergei
sergio seth shane shannon sharon shawn sheila shelby shelly sheryl shirley sidney silvia simon
simone sofia sonia sonya sophia sophie stacey stacy stanley stefan stella stephanie stephen
steve steven stuart sue summer susan susana suzanne svetlana sylvia tamara tammy tanya tara
taylor ted teresa terrance terrence terri terry thelma theodore theresa thomas tiffany tim
timothy tina toby todd tom tommy toni tony tonya tracey traci tracy travis trevor tricia troy
tyler tyrone ursula valentina valerie vanessa vera vernon veronica vicki vickie victor victoria
vijay vincent viola violet virgil virginia vivian wade walter wanda warren wayne wei wendy
wesley whitney willard william willie wilma winston xavier yasmin yolanda yusuf yvette yvonne
zachary zoe
`

export const SURNAMES_TEXT = `
abbott acevedo acosta adams adkins aguilar aguirre ahmed alexander ali allen allison alvarado
alvarez andersen anderson andersson andrade andrews armstrong arnold arroyo ashby atkins
atkinson austin avila ayala bailey baker baldwin ball ballard banks barber barker barnes barnett
barr barrett barron barton bass bates bauer baxter beck becker bell bennett benson berg berger
bernard berry bianchi bishop black blair blake bolton bond booker boone bowen bowers bowman boyd
boyer bradford bradley brady brandt braun brennan brewer bridges briggs brock brooks brown bruno
bryan bryant buchanan buckley bullock burgess burke burnett burns burton bush butler byrd byrne
calderon caldwell callahan cameron campbell campos cannon cao cardenas carlson carpenter carr
carrillo carroll carson carter castaneda castillo castro chambers chan chandler chang chapman
chavez chen cho choi christensen clark clarke clayton cline cobb cochran cohen cole coleman
collier collins colon conner conrad contreras conway cook cooper cortez costa cox craig crane
crawford cross cruz cummings cunningham curry curtis dalton daniel daniels davenport davidson
davies davis dawson day dean decker delacruz deleon delgado deng dennis diaz dickerson dickson
dixon dominguez donovan dorsey douglas doyle drake dubois duffy duke duncan dunn duran dyer
eaton edwards elliott ellis ellison erickson eriksson espinoza estrada evans farmer farrell feng
ferguson fernandez ferrari ferrell fields figueroa finley fischer fisher fitzgerald fleming
fletcher flores flowers floyd flynn foley forbes ford foster fowler fox francis franco frank
franklin frazier freeman french friedman frost fuentes fuller gallagher gallegos galloway garcia
gardner garner garrett garrison garza gates gentry george gibbs gibson gilbert giles gill
gilmore glover goldberg golden gomez gonzales gonzalez goodman goodwin gordon gould graham grant
graves gray green greene greer gregory griffin griffith gross guerra guerrero guo gupta
gutierrez guzman haas hahn hale haley hall hamilton hammond hampton han hancock hansen hanson
hardin harding hardy harmon harper harrell harrington harris harrison hart hartman harvey
hawkins hayes haynes hebert henderson hendricks henry hensley herman hernandez herrera hess
hicks higgins hill hines hinton hobbs hodge hodges hoffman hogan holland holloway holmes holt
hood hooper hopkins horn horton houston howard howell hu huang hubbard hudson huff huffman
hughes hull humphrey hunt hunter hurst hutchinson ingram irwin ito jackson jacobs jacobson james
jansen jenkins jennings jensen jimenez johansen johansson johns johnson johnston jones jordan
joseph joyce juarez kane kang kaplan kapoor kaufman keller kelley kelly kemp kennedy kent kerr
khan kim king kirby kirk klein knight knox koch kowalski kramer kruger kumar lam lamb lambert
lane lang lara larsen larson lawrence lawson le leach lee lehmann leon leonard levy lewis li
liang lin lindsey little liu livingston lloyd logan long lopez love lowe lowery lu lucas luna
lynch lyons macdonald mack madden maddox maldonado malone mann manning marks marquez marsh
marshall martin martinez mason massey mathews matthews maxwell may mayer maynard mccall mccarthy
mcclain mccormick mccoy mcdaniel mcdonald mcgee mcguire mckay mckenzie mckinney mclaughlin
mcmahon mcpherson meadows medina mehta mejia melendez mendez mendoza mercer meyer meyers michael
miles miller mills miranda mitchell molina montgomery montoya moody moon moore mora morales
moran moreno morgan morris morrison morrow moss mueller muller mullins munoz murphy murray myers
nakamura nash navarro neal nelson newman newton ng nguyen nichols nicholson nielsen nilsson
nixon noble nolan norman norris novak nowak nunez obrien ochoa oconnor odom oliver olsen olson
oneal oneill orr ortega ortiz osborne owen owens pace pacheco padilla page palmer park parker
parks parrish parsons patel patrick patterson patton paul payne pearson pena peng pennington
perez perkins perry peters petersen peterson petrov pham phillips pierce pittman pollard poole
pope porter potter powell powers pratt preston price pruitt quinn ramirez ramos ramsey randall
randolph rao ray reed reese reeves reid reilly reyes reynolds rhodes rice richards richardson
richter riley rios rivas rivera robbins roberson roberts robertson robinson robles rocha rodgers
rodriguez rogers roman romero rosales rosario rose ross rossi roth rowe rowland roy ruiz rush
russell russo ryan salazar salinas sanchez sanders sandoval santana santiago santos sato
saunders savage sawyer schmidt schneider schroeder schultz schulz schwartz scott sharma sharp
shaw shea shelton shepherd sherman shields short silva simmons simon simpson sims singh skinner
sloan small smith snow snyder solis solomon soto sparks spears spencer stafford stanley stanton
steele stein stephens stephenson stevens stevenson stewart stokes stone stout strickland
sullivan summers sun sutton suzuki svensson swanson sweeney tanaka tang tanner tate taylor terry
thomas thompson thornton todd torres townsend tran travis trujillo tucker turner tyler underwood
valdez valencia vance vargas vasquez vaughn vazquez vega velasquez velez villa villarreal
vincent wade wagner walker wall wallace walsh walter walters walton wang ward warner warren
washington waters watkins watson watts weaver webb weber webster weeks weiss welch wells west
wheeler whitaker white whitehead whitney wiggins wilcox wiley wilkerson wilkins wilkinson
williams williamson willis wilson winters wise wolf wolfe wong wood woodard woods wright wu
wyatt xie xu yamamoto yang yates york young yu zamora zeng zhang zhao zhou zimmerman
`

/**
 * Names that are also everyday words (or clinical words: "walker", "foley", "graves"). A name
 * from this list is a name only with a cue; on its own it is neither a span nor uncertain.
 */
export const AMBIGUOUS_NAMES_TEXT = `
amber angel april august autumn baker ball banks barber bass bell berry bill bishop black blair
blake bob bond booker bridges brooks brown burns bush carpenter cash chad chambers chase
christian cook crane cross crystal curry dale dawn day dean destiny don drake duke earl ed faith
farmer fields fisher flowers foley ford foster fox frank french frost gates gene glen golden
grace grant graves gray green greene gross guy hale hall hardy hart hazel hill holly hood hope
horn hunt hunter iris ivy jack jade jan joy june king knight lamb lance lane le leach li lily
little long love major mark marks marsh mason max may meadows melody miles mills misty moody
moon moss noble olive pace page park parks pat pearl penny pierce pope porter price ray rice
rich rob robin rose ruby rush sandy savage savannah sharp shields short small snow sparks stone
stout sue summer summers sweeney tanner turner villa violet wade walker wall ward waters watts
weaver weeks wells west white will winters wise wolf wood woods young
`
