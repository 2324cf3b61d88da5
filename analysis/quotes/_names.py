"""Given names with the gender they are almost always given (internal to :mod:`analysis.quotes`).

Used to guess whether "he" or "she" can refer to a person named in a text but absent from the
actor list ("Clare Dobson said ... she told the court"). A guess from the name is weaker than
the text's own evidence (a gendered title, a pronoun already used for the person), which the
rules consult first.

Source
------
The U.S. Census Bureau's list of frequently occurring first names from the 1990 census
(public domain; files ``dist.female.first`` and ``dist.male.first``, as distributed in the MIT
licensed PyPI package ``names`` 0.3.0). A name is kept when its frequency is at least 0.005% of
its sex's sample and its female share, ``f / (f + m)`` of the two frequencies, is at least 0.9
(female) or at most 0.1 (male), so that names given to both (Jordan, Leslie, Jean in part)
are left out. Names that are more often a place, a month or a common noun at the head of a
capitalised phrase are removed as well (:data:`EXCLUDED`). 1280 female and 892 male
names remain.

The list is American and dates from 1990: names common elsewhere (Morag, Priya, Sergei)
are missing, and their bearers' gender stays unknown unless the text shows it.
"""

from __future__ import annotations

#: Words of the census lists left out because they commonly open other capitalised phrases.
EXCLUDED = frozenset(
    """
amber angel april asia august autumn bill brain brandy candy carolina chance charity cherry
cleveland columbus crystal daisy dallas dawn denver destiny easter faith fern flora florence
forest gay georgia ginger grace hazel holly hope houston hung india iris israel ivy jade joy
june jung junior kenya lan lincoln ma mac mai major mark may mei mi misty olive pearl penny
precious prince princess queen raleigh reed rose royal ruby santa sierra sterling summer sun
sunny valencia violet virginia will
    """.split()
)

#: Given names borne by women (lower case).
FEMALE = frozenset(
    """
abbie abby abigail ada addie adela adelaide adele adelina adeline adell adriana adrianne
adrienne agatha agnes aida aileen aimee aisha alaina alana alba alberta alecia alejandra alene
aletha alexa alexandra alexandria alfreda alice alicia alina aline alisa alisha alison alissa
allene allie allison allyson alma alpha alta althea alvina alyce alyson alyssa amalia amanda
amelia amie amparo amy ana anastasia andra andrea andria angela angelia angelica angelina
angeline angelique angelita angie anissa anita ann anna annabelle annamarie anne annemarie
annetta annette annie annmarie antionette antoinette antonette araceli aretha ariana arleen
arlene arline ashlee ashleigh ashley athena audra audrey augusta aura aurelia aurora ava avis
barb barbara barbra beatrice beatriz becky belen belinda bella belle belva benita bernadette
bernadine bernice berniece berta bertha bertie beryl bess bessie beth bethany betsy bette
bettie bettina betty bettye beulah beverley beverly bianca birdie blanca blanche bobbi bonita
bonnie brandi brandie breanna brenda brenna briana brianna brianne bridget bridgett bridgette
brigitte britney brittany brittney brooke caitlin callie camilla camille candace candi candice
candida cara caren cari caridad carissa carla carlene carly carmel carmela carmelita carmella
carmen carol carole caroline carolyn carrie caryn casandra cassandra cassie catalina catharine
catherine cathleen cathrine cathryn cathy catrina cecelia cecile cecilia celeste celestine
celia celina chandra chanel chantal chantel charla charleen charlene charline charlotte
charmaine chasity chastity chelsea chelsey cheri cherie cheryl chiquita chloe christa christal
christen christi christie christin christina christine christy chrystal cindi cindy claire
clara clare clarice clarissa claudette claudia claudine clementine coleen colette colleen
collette concepcion concetta connie constance consuelo cora cordelia cori corina corine corinne
cornelia corrie corrine cortney cristal cristina cristy cynthia dalia damaris danelle danette
daniela danielle danita danna daphne dara darcy darla darleen darlene dayna deana deann deanna
deanne debbie debby debi debora deborah debra debrah deena deidra deidre deirdre delfina delia
delilah della delma delois delores deloris delphine demetria dena denice denise desiree dessie
diana diane diann dianna dianne dina dinah dionne dixie dollie dolly dolores dominga dona donna
dora dorcas doreen dorene doretha doris dorothea dorothy dorris dortha dorthy dottie dovie
dulce earlene earline earnestine ebony edith edna edwina edythe effie eileen elaine elba elda
eleanor eleanore elena elia elida elinor elisa elisabeth elise elissa eliza elizabeth ella
ellen ellie elma elnora eloisa eloise elouise elsa elsie elva elvia elvira elyse emilia emilie
emily emma enid erica ericka erika erin erlinda erma erna ernestina ernestine esmeralda
esperanza essie estela estella estelle ester esther ethel etta eugenia eula eulalia eunice eva
evangelina evangeline eve evelyn evette fabiola fannie fanny fatima fay faye felecia felicia
felicita filomena flor florine flossie floy fran frances francesca francine francisca freda
freida frieda gabriela gabriella gabrielle gail gaye gayla gayle gena geneva genevieve genoveva
georgette georgiana georgianna georgina geraldine geri germaine gerri gertie gertrude gilda
gillian gina ginny gisela gladys glenda glenna gloria goldie gracie graciela gregoria greta
gretchen griselda guillermina gussie gwen gwendolyn haley hallie hanna hannah harriet harriett
harriette hattie haydee hayley heather heidi helen helena helene helga hellen henrietta
herlinda herminia hester hilary hilda hildegard hillary hollie hortencia ida idella ila ilene
ima imelda imogene ina ines inez ingrid iola iona ione irene irma isabel isabell isabella
isabelle iva ivette ivonne jacklyn jaclyn jacque jacquelin jacqueline jacquelyn jacquline jami
jana jane janel janell janelle janet janette janice janie janine janis janna jannette jannie
jaqueline jasmin jasmine jayme jayne jean jeana jeanette jeanie jeanine jeanna jeanne jeannette
jeannie jeannine jena jenifer jenna jennie jennifer jenny jeri jerri jesica jessica jill
jillian jo joan joann joanna joanne jocelyn jodi jodie joelle johanna johnna jolene joni josefa
josefina josephine josette josie jovita joyce juana juanita judi judith judy juli julia juliana
julianna julianne julie juliet juliette justina justine kaitlin kaitlyn kara karen kari karin
karina karla karol karon karrie karyn kate katelyn katharine katherine katheryn kathi kathie
kathleen kathrine kathryn kathy katie katina katrina katy kay kaye kayla keisha kelli kellie
kelsey kendra keri kerri kerrie kesha keshia kia kimberlee kimberley kimberly kira kirsten
kisha kitty krista kristal kristen kristi kristie kristin kristina kristine kristy krystal
krystle kyla kylie lacey ladonna lakeisha lakesha lakisha lana laquita lara larissa lashawn
lashonda latanya latasha latisha latonia latonya latoya latrice latricia laura laurel lauren
lauretta lauri laurie lavonne lawanda lea leah leann leanna leanne leeann leila leilani lela
lelia lena lenora lenore leola leona leone leonor leonora leora leota lesa lessie leta letha
leticia letitia lettie lia libby lidia lila lilia lilian liliana lillian lillie lilly lily lina
linda lindsay lindy lisa liz liza lizette lizzie lois lola lolita lona lora loraine lorena
lorene loretta lori lorie lorine lorna lorraine lorri lorrie lottie louann louella louisa
louise lourdes luann luanne lucia lucila lucile lucille lucinda lucretia lucy luella luisa lula
lura luz lydia lyn lynda lynette lynne lynnette mabel mable madeleine madeline madelyn madge
madonna mae magda magdalena maggie majorie malinda malissa mallory mamie mandi mandy manuela
mara marcela marcella marcelle marci marcia marcie marcy margaret margarita marge margery
margie margo margot margret marguerite mari maria mariah mariam marian mariana marianna
marianne maribel maricela marie marietta marilyn marilynn marina marisa marisela marisol
marissa maritza marjorie marjory marla marlena marlene marlyn marlys marquita marsha marta
martha martina marva mary maryann maryanne marybeth maryellen maryjane marylou matilda matilde
mattie maud maude maudie maura maureen maurine mavis maxine maya mayme mayra meagan megan
meghan melanie melba melinda melisa melissa mellisa mellissa melodie melody melva melvina
mercedes meredith merry mia micaela michaela michele michell michelle migdalia milagros mildred
millicent millie mimi mina mindy minerva minnie miranda miriam mirna missy misti mitzi mollie
molly mona monica monika monique mozelle muriel myra myrna myrtis myrtle nadia nadine nakia nan
nancy nanette nannie naomi natalia natalie natasha nathalie nedra nelda nell nellie nelly
nereida nettie neva nichole nicki nicole niki nikita nikki nilda nina nita noelle noemi nola
nona nora noreen norma octavia odessa ofelia ola oleta olga olivia oma ona opal ophelia ora
oralia paige pam pamala pamela pansy patrica patrice patricia patsy patti pattie patty paula
paulette paulina pauline pearlie pearline peggy penelope perla petra phillis philomena phoebe
phyllis pilar polly portia pricilla priscilla rachael racheal rachel rachelle rae rafaela
ramona randi raquel raven reba rebeca rebecca rebekah regina reina rena renae renata renate
renee renita reta retha reva reyna rhea rhoda rhonda richelle rita robbin roberta robyn
rochelle rocio roma romona ronda rosa rosalba rosalee rosalia rosalie rosalina rosalind
rosalinda rosalyn rosanna rosanne roseann roseanne rosella roselyn rosemarie rosemary rosetta
rosie rosita roslyn rowena roxana roxann roxanna roxanne roxie ruth ruthie sabina sabrina sadie
sallie sally samantha samatha sandi sandra sara sarah sasha saundra savannah selena selina
selma serena shana shanda shanna shanon shantel shari sharlene sharon sharonda sharron sharyn
shauna shawna shayla sheena sheila shelia shelley shelli shellie shelly sheree sheri sherri
sherrie sherry sheryl shiela shirley shonda silvia simone socorro sofia soledad sondra sonia
sonja sonya sophia sophie stacey staci stacia stacie stefanie stella stephanie stephany
stephenie sue susan susana susanna susanne susie suzan suzanna suzanne suzette sybil sylvia
tabatha tabitha tamara tameka tamela tamera tami tamika tammi tammie tammy tamra tana tania
tanisha tanya tara taryn tasha tatiana tawana tena tera teresa teresita teri terra terri terrie
tessa tessie thea theda thelma theodora theresa therese tia tiana tiara tiffani tiffany tillie
tina tisha tomasa toni tonia tonja tonya tori tosha tracey traci tracie treva tricia trina
trisha trista trudy twila twyla tyra una ursula vada valarie valentina valeria valerie valorie
vanessa veda velda velma venessa venus vera verda verla verna vernell vernice veronica vesta
vicki vickie vicky victoria vida vikki vilma viola violeta virgie virgina vivian viviana vonda
wanda wendi wendy whitney wilda wilhelmina willa wilma winifred winnie winona yadira yesenia
yolanda yvette yvonne zelda zella zelma zenaida zoe zoila
    """.split()
)

#: Given names borne by men (lower case).
MALE = frozenset(
    """
aaron abdul abe abel abraham abram adalberto adam adan adolfo adolph agustin ahmad ahmed al
alan albert alberto alden aldo alec alejandro alex alexander alfonso alfonzo alfred alfredo
allan allen alonzo alphonse alphonso alton alvaro alvin amado amos anderson andre andres andrew
andy angelo anibal anthony antoine anton antone antonio antony antwan archie armand armando
arnold arnulfo aron arron art arthur arturo augustus aurelio austin avery barney barrett barry
bart barton basil beau ben benito benjamin bennett benny bernard bernardo bert bertram billy
blaine blake bo bob bobby booker boris boyd brad bradford bradley bradly brady branden brandon
brant brendan brendon brent brenton bret brett brian brice brock brooks bruce bruno bryan
bryant bryce bryon bud buddy buford burl burt burton byron caleb calvin cameron carl carlo
carlos carlton carmelo carmine carson carter cecil cedric cesar chad chadwick charles charley
charlie chase chauncey chester chet christoper christopher chuck clarence clark claude claudio
clay clayton clement cletus cliff clifford clifton clint clinton clyde cody colby cole coleman
colin collin conrad corey cornelius cornell cory coy craig curt curtis cyril cyrus dale dalton
damian damien damion damon dan dane danial daniel danny dante daren darin dario darius darnell
darrel darrell darren darrick darrin darryl darwin daryl dave david davis dean deandre delbert
delmar delmer demarcus demetrius denis dennis denny derek derick derrick desmond dewayne dewey
dewitt dexter dick diego dillon dino dion dirk domingo dominic dominick don donald donn donnell
donny donovan donte doug douglas doyle drew duane dudley duncan dustin dwain dwayne dwight
dylan earl earle earnest ed eddie eddy edgar edgardo edmond edmund eduardo edward edwardo edwin
efrain efren elbert eldon eli elias elijah eliseo elliot elliott ellis elmer elmo eloy elton
elvin elvis elwood emanuel emerson emery emil emile emilio emmanuel emmett emory enoch enrique
eric erich erick erik ernest ernesto ernie errol ervin erwin esteban ethan eugene eugenio evan
everett everette ezra fabian faustino federico felipe felix ferdinand fermin fernando fidel
fletcher florencio floyd forrest foster francisco frank franklin fred freddy frederic frederick
fredric fredrick freeman fritz gabriel galen garfield garland garrett garry garth gary gavin
genaro gene geoffrey george gerald geraldo gerard gerardo german gil gilbert gilberto gino
giovanni giuseppe glen glenn gonzalo gordon grady graham grant greg gregg gregorio gregory
grover guillermo gus gustavo guy hal hank hans harlan harley harold harris harrison harry
harvey hassan heath hector henry herbert heriberto herman herschel hershel hilario hilton
hipolito hiram homer horace horacio howard hubert huey hugh hugo humberto hunter ian ignacio
irvin irving irwin isaac isaiah isaias isiah isidro ismael issac ivan jack jackson jacob
jacques jake jamaal jamal jamar jamel james jamison jared jarred jarrett jarrod jarvis jason
jasper javier jay jayson jed jeff jefferey jefferson jeffery jeffrey jeffry jerald jeremiah
jeremy jermaine jerold jerome jerrod jerrold jerry jess jesse jesus jim jimmy joaquin joe joel
joesph joey john johnathan johnathon johnny jon jonah jonas jonathan jonathon jorge jose josef
joseph josh joshua josiah josue juan judson jules julian julio julius justin kareem karl keenan
keith kelvin ken kendrick kenneth kennith kenny kent kenton kermit keven kevin kieth kip kirk
kory kristopher kurt kurtis kyle lamar lamont lance landon lanny larry laurence lawerence
lawrence lazaro leland lemuel lenard lenny leo leon leonard leonardo leonel leopoldo leroy les
lester levi lewis linwood lionel lloyd logan lon lonnie lorenzo louie louis lowell loyd lucas
luciano lucien lucio luis luke luther lyle lyman lyndon mack malcolm manuel marc marcel
marcelino marcelo marco marcos marcus margarito mariano mario markus marlin marlon marquis
marshall martin marvin mason mathew matt matthew maurice mauricio mauro max maximo maxwell
maynard mckinley mel melvin merlin merrill mervin michael micheal miguel mike mikel miles
milford millard milo milton mitch mitchel mitchell mohamed mohammad mohammed moises monroe
monte monty morris morton moses moshe murray myles myron napoleon nathan nathaniel neal ned
neil nelson nestor newton nicholas nick nickolas nicolas nigel noah noble noe nolan norbert
norberto norman normand norris octavio odis olen olin oliver omar omer oren orlando orval
orville oscar osvaldo otis otto owen pablo parker pasquale patrick paul pedro percy perry pete
peter phil philip phillip pierre porfirio preston quentin quincy quintin quinton rafael ralph
ramiro ramon randal randall randell randolph randy raphael raul ray raymond raymundo reggie
reginald reid reinaldo reuben rex reyes reynaldo ricardo rich richard richie rick rickey rickie
ricky rico rigoberto riley rob robby robert roberto robt rocco rocky rod roderick rodger rodney
rodolfo rodrick rodrigo rogelio roger roland rolando rolland roman romeo ron ronald ronnie
ronny roosevelt rory roscoe rosendo ross roy royce ruben rubin rudolph rudy rufus rupert russ
russel russell rusty ryan sal salvador salvatore sam sammy samuel sanford santiago saul scot
scott scotty sean sebastian sergio seth seymour shane shaun sheldon shelton sherman sidney
silas simon solomon sonny spencer stan stanford stanley stefan stephan stephen steve steven
stewart stuart sylvester tad tanner ted teddy teodoro terence terrance terrell terrence thad
thaddeus theodore theron thomas thurman tim timmy timothy tobias tod todd tom tomas tommy tony
travis trent trenton trevor trey troy truman ty tyler tyree tyrell tyron tyrone tyson ulysses
valentin vance vaughn vern vernon vicente victor vince vincent virgil vito wade waldo walker
wallace walter ward warren wayne weldon wendell werner wesley weston wilbert wilbur wilburn
wiley wilford wilfred wilfredo willard william williams willis willy wilmer wilson wilton
winfred winston wm woodrow wyatt xavier zachariah zachary zachery zane
    """.split()
)


def gender(first_name: str) -> str | None:
    """``"she"``, ``"he"`` or None for a given name (case-insensitive).

    >>> gender("Margaret"), gender("James"), gender("Jordan"), gender("Morag")
    ('she', 'he', None, None)
    """
    low = first_name.lower()
    if low in FEMALE:
        return "she"
    if low in MALE:
        return "he"
    return None
