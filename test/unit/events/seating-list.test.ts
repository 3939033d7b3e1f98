import { describe, expect, it } from 'vitest';
import { readSeatingList } from '../../../src/events/index.js';
import { inWords } from '../../support/expected.js';

const csv = (text: string) => readSeatingList({ format: 'csv', bytes: new TextEncoder().encode(text) });

describe('a list of people to seat', () => {
  it('reads every column, in any order and case, hosts as true or false', async () => {
    const list = await csv('Host,ID,Name,Org_Type,Region,Notes\nTRUE,a1,  Ana  Kola ,NGO,Korçë,x\nfalse,b2,Besa Leka,local gov,national,\n');
    expect(list).toEqual({
      kind: 'read',
      people: [
        { id: 'a1', name: 'Ana Kola', orgType: 'ngo', region: 'korce', host: true },
        { id: 'b2', name: 'Besa Leka', orgType: 'local_gov', region: 'national', host: false },
      ],
      ignoredColumns: ['Notes'],
    });
  });

  it('lists every bad row with its column, value and what was expected, and seats nobody', async () => {
    const list = await csv('id,name,org_type,region,host\na1,Ana,ngo,fier,true\n,Besa,ngo,fier,no\na1,Ema,ngo,paris,false\n');
    expect(list.kind === 'invalid' ? { ...list, problems: inWords(list.problems) } : list).toEqual({
      kind: 'invalid',
      problems: [
        { row: 3, column: 'id', value: '', expected: 'an id (the cell is empty)' },
        { row: 3, column: 'host', value: 'no', expected: 'true (a host, who stays at a table) or false (a traveller)' },
        {
          row: 4,
          column: 'region',
          value: 'paris',
          expected: 'one of the 12 counties (berat, diber, durres, elbasan, fier, gjirokaster, korce, kukes, lezhe, shkoder, tirane, vlore), national or international',
        },
      ],
      ignoredColumns: [],
    });
    const twice = await csv('id,name,org_type,region,host\na1,Ana,ngo,fier,true\na1,Ema,ngo,fier,false\n');
    expect(twice.kind === 'invalid' ? inWords(twice.problems) : twice).toEqual([{ row: 3, column: 'id', value: 'a1', expected: 'an id no other row has (row 2 has it)' }]);
  });

  it('refuses a header without the host column before reading any row', async () => {
    const list = await csv('id,name,org_type,region\na1,Ana,ngo,fier\n');
    expect(list).toMatchObject({ kind: 'invalid', problems: [{ row: 1, column: 'host', value: '' }] });
  });
});
