import type { CaseStatus, PermitCase, PermitCategory } from '../../../shared/cases';
import { USCC_ALPHABET, usccCheckCharacter } from '../cases/uscc';
import { addDays } from '../dates/calendar';

/**
 * The embedded demo office: realistic, invented applicants of many nationalities, with the name
 * shapes a window meets (long Latin names, Chinese names, hyphens and apostrophes, diacritics).
 * Everything is derived from the index and the first-start date, so the demo is the same on every
 * machine and some entry deadlines are always near or past.
 */
interface DemoPerson {
  name: string;
  nameZh?: string;
  nat: string;
  sex: 'M' | 'F';
}

const PEOPLE: DemoPerson[] = [
  { name: 'SMITH,JOHN PAUL', nat: 'GBR', sex: 'M' },
  { name: "O'BRIEN,SIOBHAN MARY", nat: 'IRL', sex: 'F' },
  { name: 'GARCÍA MÁRQUEZ,JOSÉ ANTONIO', nat: 'ESP', sex: 'M' },
  { name: 'MÜLLER-LÜDENSCHEIDT,KARL-HEINZ', nat: 'DEU', sex: 'M' },
  { name: 'DOS SANTOS PEREIRA DA SILVA,MARIA APARECIDA', nat: 'BRA', sex: 'F' },
  { name: 'NGUYEN,THI THANH HUONG', nat: 'VNM', sex: 'F' },
  { name: 'KIM,MIN-JUN', nameZh: '金敏俊', nat: 'KOR', sex: 'M' },
  { name: 'TANAKA,YUKI', nameZh: '田中由纪', nat: 'JPN', sex: 'F' },
  { name: 'TAN,WEI MING', nameZh: '陈伟明', nat: 'SGP', sex: 'M' },
  { name: "D'ANGELO,FRANCESCA", nat: 'ITA', sex: 'F' },
  { name: 'AL-HASHIMI,AHMED KHALID', nat: 'ARE', sex: 'M' },
  { name: 'IVANOVA,EKATERINA SERGEYEVNA', nat: 'RUS', sex: 'F' },
  { name: 'OKONKWO,CHIDIMMA ADAEZE', nat: 'NGA', sex: 'F' },
  { name: 'SHARMA,PRIYA', nat: 'IND', sex: 'F' },
  { name: 'KOWALSKA-NOWAK,AGNIESZKA', nat: 'POL', sex: 'F' },
  { name: 'VAN DER BERG,PIETER JAN', nat: 'NLD', sex: 'M' },
  { name: 'DUBOIS,JEAN-BAPTISTE', nat: 'FRA', sex: 'M' },
  { name: 'ØSTERGAARD,SØREN', nat: 'DNK', sex: 'M' },
  { name: 'LEE,JI-HOON', nameZh: '李智勋', nat: 'KOR', sex: 'M' },
  { name: 'WANG,DAVID', nameZh: '王大卫', nat: 'USA', sex: 'M' },
  { name: 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF,HUBERT BLAINE', nat: 'USA', sex: 'M' },
  { name: 'MOHAMMADI,SARA', nat: 'IRN', sex: 'F' },
  { name: 'JOHANSSON,ERIK', nat: 'SWE', sex: 'M' },
  { name: 'MCALLISTER,ROSE', nat: 'AUS', sex: 'F' },
  { name: "N'DIAYE,MOUSSA", nat: 'SEN', sex: 'M' },
  { name: 'SCHRÖDER,ANNA-LENA', nat: 'AUT', sex: 'F' },
  { name: 'PAPADOPOULOS,GEORGIOS', nat: 'GRC', sex: 'M' },
  { name: 'SUZUKI,HARUTO', nameZh: '铃木阳翔', nat: 'JPN', sex: 'M' },
  { name: 'ABDULLAH,NUR AISYAH BINTI', nat: 'MYS', sex: 'F' },
  { name: 'HERNÁNDEZ,LUCÍA', nat: 'MEX', sex: 'F' },
  { name: 'KOVÁČ,TOMÁŠ', nat: 'SVK', sex: 'M' },
  { name: 'LIM,HUI LING', nameZh: '林慧玲', nat: 'MYS', sex: 'F' },
];

const GIVEN_SECOND = [
  'ALEXANDER', 'CHARLOTTE', 'MATTEO', 'AMÉLIE', 'OLUWASEUN', 'HANNAH', 'SEBASTIÁN', 'INGRID',
  'DMITRI', 'FATIMA ZAHRA', 'LIAM', 'ZOË', 'MIGUEL ÁNGEL', 'ASTRID', 'RAFAEL', 'MEI LING',
];

const EMPLOYERS = [
  { name: '北京云帆科技有限公司', address: '北京市海淀区中关村大街 27 号', region: '110108' },
  { name: '上海东方国际学校', address: '上海市浦东新区锦绣路 1500 号', region: '310115' },
  { name: '深圳前海新能源研究院', address: '深圳市南山区前海大道 88 号', region: '440305' },
  { name: '广州南沙医疗器械有限公司', address: '广州市南沙区港前大道 12 号', region: '440115' },
  { name: '杭州西湖数字文化传媒有限公司', address: '杭州市西湖区文三路 90 号', region: '330106' },
  { name: '成都天府航空发动机研究所', address: '成都市双流区航空港大道 6 号', region: '510116' },
  { name: '北京朝阳国际语言培训中心', address: '北京市朝阳区建国路 118 号', region: '110105' },
  { name: '苏州工业园区精密制造有限公司', address: '苏州市工业园区星湖街 328 号', region: '320571' },
];

const POSITIONS = ['软件工程师 Software Engineer', '外籍教师 Foreign Teacher', '研究员 Researcher', '产品经理 Product Manager', '医学顾问 Medical Adviser', '首席技术官 CTO'];

/** Every status appears; most cases wait for their on-site verification, as at a real window. */
const STATUS_CYCLE: CaseStatus[] = [
  'awaiting_verification', 'awaiting_verification', 'awaiting_verification', 'verified', 'awaiting_verification',
  'decision_issued', 'awaiting_verification', 'rejected', 'awaiting_verification', 'withdrawn', 'awaiting_verification', 'revoked',
];

export const DEMO_CASE_COUNT = 64;

/** A unified social credit code with a valid GB 32100 check character, derived from `seed`. */
export function demoUscc(seed: number, region: string): string {
  let body = `91${region}`;
  let x = seed * 7919 + 17;
  while (body.length < 17) {
    x = (x * 1103515245 + 12345) % 2147483648;
    body += USCC_ALPHABET[x % USCC_ALPHABET.length];
  }
  return body + usccCheckCharacter(body)!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function nameOf(i: number): DemoPerson {
  const p = PEOPLE[i % PEOPLE.length];
  if (i < PEOPLE.length) return p;
  // The second round gives each surname another given name, so the demo has 64 distinct people.
  const surname = p.name.split(',')[0];
  return { name: `${surname},${GIVEN_SECOND[i % GIVEN_SECOND.length]}`, nat: p.nat, sex: i % 2 ? 'F' : 'M' };
}

/** The demo cases as of `today` (YYYY-MM-DD, Beijing time). */
export function demoCases(today: string): PermitCase[] {
  const year = today.slice(0, 4);
  const cases: PermitCase[] = [];
  for (let i = 0; i < DEMO_CASE_COUNT; i++) {
    const person = nameOf(i);
    const employer = EMPLOYERS[i % EMPLOYERS.length];
    const category: PermitCategory = (['B', 'C', 'B', 'A', 'B', 'C'] as const)[i % 6];
    const status = STATUS_CYCLE[i % STATUS_CYCLE.length];
    // Entry 1 to 40 days ago: cases 29 days or more ago are near or past the 30-day deadline.
    const entryDate = i % 16 === 15 ? null : addDays(today, -((i * 7) % 40) - 1);
    const issuedOn = addDays(today, -60 - ((i * 11) % 120));
    const birth = `${1965 + ((i * 7) % 35)}-${pad(1 + (i % 12), 2)}-${pad(1 + ((i * 5) % 28), 2)}`;
    const validFrom = entryDate ?? addDays(today, 10);
    const approvedMonths = category === 'A' ? 60 : category === 'B' ? 24 : 12;
    const validTo = addDays(validFrom, Math.round(approvedMonths * 30.4) - 1);
    const noticeNo = `WPN${employer.region}${year}${pad(i + 1, 5)}`;
    const permitNo = `${employer.region}${year}${pad(1000 + i * 37, 8)}`;
    const ssn = i % 3 === 0 ? `${person.nat}1${birth.replace(/-/g, '')}${pad(i + 1, 5)}${i % 10}` : null;
    const history = [{ status: 'awaiting_verification' as CaseStatus, at: `${issuedOn}T02:00:00Z` }];
    if (status !== 'awaiting_verification') {
      if (status === 'decision_issued') history.push({ status: 'verified', at: `${addDays(today, -3)}T03:10:00Z` });
      history.push({ status, at: `${addDays(today, -2)}T06:30:00Z` });
    }
    cases.push({
      noticeNo,
      permitNo,
      category,
      status,
      applicant: {
        name: person.name,
        nameZh: person.nameZh ?? null,
        nationality: person.nat,
        sex: person.sex,
        birthDate: birth,
        passportNo: `${person.nat.slice(0, 1)}${pad((i * 104729 + 7) % 100000000, 8)}`,
        ssn,
      },
      employer: { name: employer.name, uscc: demoUscc(i % EMPLOYERS.length, employer.region), address: employer.address },
      notice: {
        issuedOn,
        validMonths: 6,
        approvedMonths,
        family:
          i % 5 === 0
            ? [{ relation: 'spouse', name: `${person.name.split(',')[0]},${GIVEN_SECOND[(i + 3) % GIVEN_SECOND.length]}`, passportNo: `${person.nat.slice(0, 1)}${pad(i * 31 + 5, 8)}` }]
            : [],
      },
      position: POSITIONS[i % POSITIONS.length],
      workPlace: employer.region,
      validFrom,
      validTo,
      entryDate,
      contract: { start: validFrom, end: validTo, signed: addDays(issuedOn, -30) },
      medical:
        i % 4 === 1
          ? { kind: 'commitment', issuedOn: null, issuer: null }
          : { kind: i % 4 === 2 ? 'overseas' : 'domestic', issuedOn: addDays(issuedOn, -20), issuer: i % 4 === 2 ? 'Overseas designated clinic' : '北京国际旅行卫生保健中心' },
      materials: [
        { code: 'passport', required: true },
        { code: 'work-visa-or-residence-permit', required: true },
        { code: 'employer-seal-copy', required: true },
        { code: 'contract', required: true },
        { code: 'medical-report', required: true },
        { code: 'degree-certificate', required: category !== 'C' },
        { code: 'no-criminal-record', required: true },
        { code: 'photo', required: true },
      ],
      history,
      version: 1,
      updatedAt: history[history.length - 1].at,
    });
  }
  cases.push(oldCardHolder());
  return cases;
}

/**
 * The reform's transition in the demo: a permit granted in 2024 on the old physical card, marked so
 * by upstream (`physicalCard`), valid into 2027: typed or scanned at the police screen, it is named
 * an old card that stays valid until extended or changed.
 */
function oldCardHolder(): PermitCase {
  const employer = EMPLOYERS[6];
  const history = [
    { status: 'awaiting_verification' as CaseStatus, at: '2024-05-10T02:00:00Z' },
    { status: 'verified' as CaseStatus, at: '2024-06-03T03:00:00Z' },
    { status: 'decision_issued' as CaseStatus, at: '2024-06-03T06:30:00Z' },
  ];
  return {
    noticeNo: `WPN${employer.region}202400901`,
    permitNo: `${employer.region}202400000901`,
    category: 'B',
    status: 'decision_issued',
    applicant: { name: 'FERREIRA,ANA LUÍSA', nameZh: null, nationality: 'PRT', sex: 'F', birthDate: '1988-03-14', passportNo: 'P00904417', ssn: null },
    employer: { name: employer.name, uscc: demoUscc(6, employer.region), address: employer.address },
    notice: { issuedOn: '2024-05-10', validMonths: 6, approvedMonths: 36, family: [] },
    position: POSITIONS[1],
    workPlace: employer.region,
    validFrom: '2024-06-03',
    validTo: '2027-06-02',
    entryDate: '2024-05-28',
    contract: { start: '2024-06-03', end: '2027-06-02', signed: '2024-04-20' },
    medical: { kind: 'domestic', issuedOn: '2024-05-02', issuer: '北京国际旅行卫生保健中心' },
    materials: [{ code: 'passport', required: true }],
    physicalCard: true,
    history,
    version: 1,
    updatedAt: history[2].at,
  } as PermitCase;
}
