import { placeReply } from './threading';

describe('placeReply', () => {
  it('puts a comment without a parent at the top level', () => {
    expect(placeReply(undefined, 3)).toEqual({ ancestors: [], depth: 0 });
  });

  it('nests replies under their parent while the depth limit allows', () => {
    expect(placeReply({ id: 'a', ancestors: [] }, 3)).toEqual({ parentId: 'a', ancestors: ['a'], depth: 1 });
    expect(placeReply({ id: 'b', ancestors: ['a'] }, 3)).toEqual({ parentId: 'b', ancestors: ['a', 'b'], depth: 2 });
  });

  it('attaches a reply past the limit to the deepest ancestor that still takes replies', () => {
    expect(placeReply({ id: 'c', ancestors: ['a', 'b'] }, 3)).toEqual({ parentId: 'b', ancestors: ['a', 'b'], depth: 2 });
    expect(placeReply({ id: 'e', ancestors: ['a', 'b', 'c', 'd'] }, 3)).toEqual({ parentId: 'b', ancestors: ['a', 'b'], depth: 2 });
  });

  it('keeps every comment at the top level when threads have one level', () => {
    expect(placeReply({ id: 'a', ancestors: [] }, 1)).toEqual({ ancestors: [], depth: 0 });
  });
});
