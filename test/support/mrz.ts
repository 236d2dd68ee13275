/**
 * A passport's machine-readable zone (ICAO 9303 TD3) for a given person, with its check digits, as a
 * passport reader would send it. Written here from the standard (weights 7, 3, 1), apart from the
 * app's own `mrz.ts`, so the tests do not check the app against itself.
 */
const value = (ch: string) => (ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
const digit = (s: string) => String([...s].reduce((sum, ch, i) => sum + value(ch) * [7, 3, 1][i % 3], 0) % 10);

export function td3For(p: { name: string; passportNo: string; nationality: string; birthDate: string; sex: 'M' | 'F' | 'X' }, expiry = '301231'): [string, string] {
  const [surname, given = ''] = p.name.split(',');
  const chevrons = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]+/g, '<');
  const l1 = `P<${p.nationality}${chevrons(surname)}<<${chevrons(given)}`.slice(0, 44).padEnd(44, '<');
  const doc = p.passportNo.padEnd(9, '<').slice(0, 9);
  const birth = p.birthDate.slice(2).replace(/-/g, '');
  const sex = p.sex === 'X' ? '<' : p.sex;
  const body = `${doc}${digit(doc)}${p.nationality}${birth}${digit(birth)}${sex}${expiry}${digit(expiry)}${'<'.repeat(14)}<`;
  return [l1, body + digit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43))];
}

/**
 * A visa sticker's zone (ICAO 9303 Part 7, MRV-A: two lines of 44) as China prints a Z visa: `V<CHN`,
 * the holder's name, the visa's number, the holder's nationality and birth date, sex, and the visa's
 * last day (YYMMDD); no composite digit.
 */
export function mrvAFor(p: { name: string; nationality: string; birthDate: string; sex: 'M' | 'F' | 'X' }, visaNo: string, lastDay: string): [string, string] {
  const [surname, given = ''] = p.name.split(',');
  const chevrons = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]+/g, '<');
  const l1 = `V<CHN${chevrons(surname)}<<${chevrons(given)}`.slice(0, 44).padEnd(44, '<');
  const doc = visaNo.padEnd(9, '<').slice(0, 9);
  const birth = p.birthDate.slice(2).replace(/-/g, '');
  const sex = p.sex === 'X' ? '<' : p.sex;
  return [l1, `${doc}${digit(doc)}${p.nationality}${birth}${digit(birth)}${sex}${lastDay}${digit(lastDay)}${'<'.repeat(16)}`];
}
