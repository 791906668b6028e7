import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractTextPage } from './text-page.extractor';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../../../../test/fixtures/pages', name), 'utf8');
const allText = (page: ReturnType<typeof extractTextPage>) => JSON.stringify(page);

describe('extractTextPage', () => {
  it('takes exactly the story from a scraped news page with chrome, a comment form, six teasers and related links', () => {
    const page = extractTextPage(fixture('world-news-scraped.txt'))!;
    expect(page).toMatchObject({
      headline: 'India reports 4,272 new infections as festive season nears',
      byline: 'Meera Raghavan',
      publishedAt: '2022-09-29T10:15:00.000Z',
    });
    expect(page.blocks.map((block) => block.type)).toEqual([
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'list',
      'heading',
      'paragraph',
      'quote',
      'paragraph',
      'paragraph',
    ]);
    expect(page.blocks[0].text!.startsWith('New Delhi, Sept 29- According to data updated on Thursday')).toBe(true);
    expect(page.blocks[2]).toEqual({ type: 'heading', text: 'The news:' });
    expect(page.blocks[4].items).toHaveLength(2);
    expect(page.blocks[4].items![0]).toMatch(/^“We are watching the numbers/);
    expect(page.blocks[7]).toEqual({
      type: 'quote',
      text: '“The recovery rate has reached 98.7 per cent, and we expect it to stay there through the festivals.”',
      cite: 'Dr. Anil Kumar, ministry spokesperson',
    });
    expect(page.blocks[8].text).toMatch(/^Photo: Shoppers at a market/);
    const text = allText(page);
    for (const chrome of [
      'Connect with us',
      'looking for',
      'Click to comment',
      'email address',
      'Leave a Reply',
      'Advertisement',
      'Post Comment',
      'Tags:',
      'All rights',
    ]) {
      expect(text).not.toContain(chrome);
    }
    for (const teaser of [
      'Monsoon rains',
      'Rupee slips',
      'industrial policy',
      'paddy',
      'late-night',
      'Cricket',
      'Vaccination drive',
      'Schools reopen',
    ]) {
      expect(text).not.toContain(teaser);
    }
  });

  it('finds the story after a sidebar of trending headlines, and stops at the wire trailer', () => {
    const page = extractTextPage(fixture('wire-sidebar-first.txt'))!;
    expect(page.headline).toBe('Senate approves harbour reconstruction bill');
    expect(page.byline).toBe('Tomás Ferreira, Lena Hart');
    expect(page.publishedAt).toBe('2025-03-04T18:42:00.000Z');
    expect(page.blocks[0].text).toMatch(/^WASHINGTON \(Reuters\) - The U\.S\. Senate/);
    expect(page.blocks).toContainEqual({
      type: 'quote',
      text: 'Every harbour we rebuild is a town that keeps its jobs and its people.',
      cite: 'Maria Okafor, senator',
    });
    expect(page.blocks).toContainEqual({
      type: 'list',
      ordered: true,
      items: [
        'Small harbours get a guaranteed share of the money.',
        'Work must start within 18 months of approval.',
        'An independent inspector reviews every contract.',
      ],
    });
    expect(allText(page)).not.toMatch(/Fed official|Oil steadies|Reporting by|Our standards|Ports brace/);
  });

  it('reads a blog post: "Posted on … by …", a labelled sub-head and dash bullets, without share buttons or comments', () => {
    const page = extractTextPage(fixture('blog-post.txt'))!;
    expect(page).toMatchObject({ headline: 'Storm season: what the new forecast means for the islands', byline: 'Jane Doe' });
    expect(page.publishedAt).toMatch(/^2025-03-03/);
    expect(page.blocks).toContainEqual({ type: 'heading', text: 'Why it matters:' });
    expect(page.blocks.find((block) => block.type === 'list')!.items).toHaveLength(3);
    expect(allText(page)).not.toMatch(/Twitter|Like this|Loading|Ferry timetable|Thanks for the clear summary|Listen to this/);
  });

  it('finds nothing on a page without a story', () => {
    expect(extractTextPage(fixture('no-article.txt'))).toBeUndefined();
    expect(extractTextPage('')).toBeUndefined();
  });
});
