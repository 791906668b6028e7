import MarkdownIt from 'markdown-it';

// Raw HTML inside Markdown is allowed here because the result is sanitised like any HTML body.
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

export function markdownToHtml(source: string): string {
  return markdown.render(source);
}
