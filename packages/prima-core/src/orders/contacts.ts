import type { Address, Customer } from '../model/order.js';
import type { PrimaContact } from '../model/prima-order.js';
import { type Problem, problem } from '../monitor/problems.js';

/** Countries without postcodes in everyday use: a missing postcode there is normal, not an error. */
const NO_POSTCODE = new Set([
  'AE',
  'AG',
  'AO',
  'AW',
  'BS',
  'BZ',
  'CW',
  'FJ',
  'GH',
  'HK',
  'JM',
  'KI',
  'MO',
  'QA',
  'TT',
  'UG',
  'ZW',
]);

/** Prima takes six address lines; the plugin lost company names, we keep them as the first line. */
const MAX_ADDRESS_LINES = 6;

/** Which fields of an address are missing, in words (empty when complete). */
export function missingAddressFields(a: Address): string[] {
  const missing: string[] = [];
  if (a.firstName.trim() === '' && a.lastName.trim() === '') missing.push('name');
  if (!a.lines.some((l) => l.trim() !== '')) missing.push('street');
  if (a.city.trim() === '') missing.push('town or city');
  if (!/^[A-Za-z]{2}$/.test(a.country.trim())) missing.push('country');
  else if (a.postcode.trim() === '' && !NO_POSTCODE.has(a.country.trim().toUpperCase()))
    missing.push('postcode');
  return missing;
}

export function missingAddress(
  orderNumber: string,
  which: 'delivery' | 'invoice',
  fields: string[],
): Problem {
  const what =
    fields.length === 0 ? `no ${which} address` : `a ${which} address without ${fields.join(', ')}`;
  return problem(
    'missing_address',
    `Order ${orderNumber} has ${what}.`,
    `Complete the ${which} address on the order in the store, then retry.`,
    { orderNumber, address: which, fields: fields.join(',') },
  );
}

function addressLines(a: Address): string[] {
  const street = a.lines.map((l) => l.trim()).filter((l) => l !== '');
  const head = a.company?.trim() ? [a.company.trim()] : [];
  const tail = [a.city.trim(), a.region?.trim() ?? ''].filter((l) => l !== '');
  const room = MAX_ADDRESS_LINES - head.length - tail.length;
  // Too many street lines: join the overflow onto the last line that fits rather than dropping any.
  const fitted =
    street.length <= room ? street : [...street.slice(0, room - 1), street.slice(room - 1).join(', ')];
  return [...head, ...fitted, ...tail];
}

export function toPrimaContact(a: Address, customer: Customer): PrimaContact {
  return {
    title: a.title?.trim() ?? '',
    forename: a.firstName.trim(),
    surname: a.lastName.trim(),
    addressLines: addressLines(a),
    postcode: a.postcode.trim(),
    country: a.country.trim().toUpperCase(),
    email: a.email?.trim() || customer.email?.trim() || '',
    phone: a.phone?.trim() || customer.phone?.trim() || '',
    mobile: '',
    fao: '',
  };
}
