import sanitizeHtml from 'sanitize-html';
import { ArticlePage, BodyBlock } from '../articles/article-page';
import { PublicComment } from '../comments/comments.types';
import { FeedItem } from '../feed/feed.types';
import { html, safeUrl, SafeHtml } from './html';

export interface Site {
  title: string;
  baseUrl: string;
}

const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#5c5c5c;--rule:#ddd;--accent:#a3001b;--bg:#fff}
*{box-sizing:border-box}body{margin:0;font:17px/1.55 Georgia,"Times New Roman",serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
header.site,main,footer.site{max-width:46rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:3px double var(--ink);padding-top:1rem}
.masthead{font:700 2rem/1.1 Georgia,serif;text-decoration:none;color:var(--ink)}
nav.sections ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0;font-family:system-ui,sans-serif;font-size:.9rem}
form.search{display:flex;gap:.5rem;margin:.75rem 0 1rem}form.search input{flex:1;min-width:0}
input,textarea,button{font:inherit;font-size:1rem;padding:.5rem;border:1px solid #888;border-radius:4px}
button{background:var(--ink);color:#fff;border-color:var(--ink);cursor:pointer}
h1{font-size:1.9rem;line-height:1.2;margin:1rem 0 .5rem}h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
.teaser{border-bottom:1px solid var(--rule);padding:.75rem 0}.teaser h3{margin:0 0 .25rem;font-size:1.15rem;line-height:1.3}
.teaser p{margin:.25rem 0}.dateline{font-weight:700;font-variant:small-caps}.meta{color:var(--muted);font:.85rem system-ui,sans-serif}
blockquote{margin:1rem 0;padding:.25rem 1rem;border-left:4px solid var(--accent);font-style:italic}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}figcaption{color:var(--muted);font:.85rem system-ui,sans-serif}
.notice{background:#eef6ee;border:1px solid #8bbf8b;padding:.75rem;border-radius:4px}.errors{background:#fbeeee;border:1px solid #d08a8a;padding:.75rem;border-radius:4px}
.comment{border-top:1px solid var(--rule);padding:.5rem 0}.comment .replies{margin-left:1rem;border-left:2px solid var(--rule);padding-left:.75rem}
form.reply label{display:block;margin:.75rem 0 .25rem;font:600 .95rem system-ui,sans-serif}form.reply input,form.reply textarea{width:100%}
.pager{margin:1rem 0}footer.site{border-top:1px solid var(--rule);margin-top:2rem;padding:1rem;color:var(--muted);font:.85rem system-ui,sans-serif}
`;

export interface LayoutOptions {
  site: Site;
  title: string;
  sections?: string[] | null;
  query?: string;
  /** Alternate feeds of this page (RSS and JSON Feed). */
  feeds?: { rss: string; json: string; title: string };
  description?: string;
}

export function layout(options: LayoutOptions, content: SafeHtml): string {
  const { site } = options;
  const pageTitle = options.title === site.title ? site.title : `${options.title} – ${site.title}`;
  return `<!doctype html>${
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${pageTitle}</title>
        ${options.description ? html`<meta name="description" content="${options.description}" />` : ''}
        ${
          options.feeds
            ? html`<link rel="alternate" type="application/rss+xml" title="${options.feeds.title}" href="${options.feeds.rss}" />
                <link rel="alternate" type="application/feed+json" title="${options.feeds.title}" href="${options.feeds.json}" />`
            : ''
        }
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <a class="masthead" href="/">${site.title}</a>
          ${sectionNav(options.sections)}
          <form class="search" role="search" action="/search" method="get">
            <label for="q" class="skip">Search</label>
            <input
              id="q"
              name="q"
              type="search"
              placeholder="What are you looking for?"
              aria-label="What are you looking for?"
              value="${options.query ?? ''}"
              maxlength="200"
            />
            <button type="submit">Search</button>
          </form>
        </header>
        <main id="main">${content}</main>
        <footer class="site"><a href="/feed.xml">RSS</a> · <a href="/feed.json">JSON Feed</a> · <a href="/docs">API</a></footer>
      </body>
    </html>`.value
  }`;
}

function sectionNav(sections: string[] | null | undefined): SafeHtml | '' {
  if (!sections || sections.length === 0) return '';
  return html`<nav class="sections" aria-label="Sections">
    <ul>
      ${sections.map((section) => html`<li><a href="/sections/${encodeURIComponent(section)}">${titleCase(section)}</a></li>`)}
    </ul>
  </nav>`;
}

export function titleCase(value: string): string {
  return value.replace(/[-_]+/g, ' ').replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
}

export function articlePath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

function when(iso: string): SafeHtml {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? html`` : html`<time datetime="${date.toISOString()}">${DATE.format(date)} UTC</time>`;
}

/** A teaser: headline link, dateline and excerpt, time and comment count. */
export function teaser(item: FeedItem, headingLevel: 2 | 3 = 3): SafeHtml {
  const heading = html`<a href="${articlePath(item.slug)}">${item.headline}</a>`;
  const comments = item.commentCount === 1 ? '1 comment' : `${item.commentCount} comments`;
  return html`<article class="teaser">
    ${headingLevel === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
    <p>${item.dateline ? html`<span class="dateline">${item.dateline}</span> ` : ''}${item.teaser}</p>
    <p class="meta">
      ${when(item.publishedAt)}${item.section ? html` · <a href="/sections/${encodeURIComponent(item.section)}">${titleCase(item.section)}</a>` : ''}
      · ${comments}
    </p>
  </article>`;
}

function unavailable(what: string): SafeHtml {
  return html`<p class="meta" role="status">${what} cannot be shown right now.</p>`;
}

export interface FrontPageData {
  site: Site;
  latest: FeedItem[] | null;
  sections: string[] | null;
  mostCommented: FeedItem[] | null;
  nextHref?: string | null;
}

export function frontPage(data: FrontPageData): string {
  const content = html`<h1 class="skip">${data.site.title}</h1>
    <section aria-labelledby="latest-heading">
      <h2 id="latest-heading">Latest</h2>
      ${data.latest ? (data.latest.length ? data.latest.map((item) => teaser(item)) : html`<p>No stories yet.</p>`) : unavailable('The latest stories')}
      ${data.nextHref ? html`<p class="pager"><a href="${data.nextHref}">Older stories</a></p>` : ''}
    </section>
    ${
      data.mostCommented && data.mostCommented.length
        ? html`<section aria-labelledby="talked-heading">
            <h2 id="talked-heading">Most commented</h2>
            ${data.mostCommented.map((item) => teaser(item))}
          </section>`
        : ''
    }`;
  return layout(
    {
      site: data.site,
      title: data.site.title,
      sections: data.sections,
      feeds: { rss: '/feed.xml', json: '/feed.json', title: data.site.title },
    },
    content,
  );
}

export interface ListPageData {
  site: Site;
  title: string;
  heading: string;
  items: FeedItem[];
  sections: string[] | null;
  nextHref: string | null;
  feeds?: LayoutOptions['feeds'];
  query?: string;
  summary?: string;
}

export function listPage(data: ListPageData): string {
  const content = html`<h1>${data.heading}</h1>
    ${data.summary ? html`<p class="meta" role="status">${data.summary}</p>` : ''}
    ${data.items.length ? data.items.map((item) => teaser(item, 2)) : html`<p>Nothing found.</p>`}
    ${data.nextHref ? html`<p class="pager"><a href="${data.nextHref}">More</a></p>` : ''}`;
  return layout({ site: data.site, title: data.title, sections: data.sections, feeds: data.feeds, query: data.query }, content);
}

/** The body from its blocks, or from the plain text: blank lines part paragraphs, "- " lines make bullets. */
export function bodyHtml(article: { body: string; blocks?: BodyBlock[] }): SafeHtml {
  if (article.blocks && article.blocks.length > 0) return html`${article.blocks.map(block)}`;
  return html`${article.body
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(plainParagraph)}`;
}

function plainParagraph(text: string): SafeHtml {
  const lines = text.split('\n').map((line) => line.trim());
  if (lines.every((line) => /^[-*•]\s+/.test(line)))
    return html`<ul>
      ${lines.map((line) => html`<li>${line.replace(/^[-*•]\s+/, '')}</li>`)}
    </ul>`;
  // A short lead-in ending in a colon ("The news:") labels what follows.
  const label = /^([^.!?:\n]{1,40}:)\s+(.+)$/s.exec(text);
  if (label) return html`<p><strong>${label[1]}</strong> ${label[2]}</p>`;
  return html`<p>${text}</p>`;
}

function block(item: BodyBlock): SafeHtml | '' {
  switch (item.type) {
    case 'paragraph':
      return item.text ? html`<p>${item.text}</p>` : '';
    case 'heading':
      return item.text ? html`<h2>${item.text}</h2>` : '';
    case 'list': {
      const items = (item.items ?? []).map((entry) => html`<li>${entry}</li>`);
      return item.ordered
        ? html`<ol>
            ${items}
          </ol>`
        : html`<ul>
            ${items}
          </ul>`;
    }
    case 'quote':
      return item.text
        ? html`<blockquote>
            <p>${item.text}</p>
            ${item.cite ? html`<footer>— <cite>${item.cite}</cite></footer>` : ''}
          </blockquote>`
        : '';
    case 'image': {
      const src = safeUrl(item.url);
      if (!src) return '';
      const caption = [item.caption, item.credit ? html`<small>${item.credit}</small>` : ''];
      return html`<figure>
        <img
          src="${src}"
          alt="${item.caption ?? ''}"
          loading="lazy"
        />${item.caption || item.credit ? html`<figcaption>${caption[0] ?? ''} ${caption[1]}</figcaption>` : ''}
      </figure>`;
    }
    default:
      return '';
  }
}

/** Comment bodies arrive sanitised; they are sanitised again here so the page never depends on another service for its safety. */
const COMMENT_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['a', 'br', 'p'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc' }) },
};

function comment(item: PublicComment): SafeHtml {
  const author = safeUrl(item.authorUrl);
  return html`<article class="comment" id="comment-${item.id}">
    <p class="meta">
      <strong>${author ? html`<a href="${author}" rel="nofollow ugc">${item.authorName}</a>` : item.authorName}</strong> ·
      ${when(item.submittedAt)}${item.featured ? ' · Featured' : ''}
    </p>
    <div>${new SafeHtml(sanitizeHtml(item.body, COMMENT_HTML))}</div>
    ${item.replies.length ? html`<div class="replies">${item.replies.map(comment)}</div>` : ''}
  </article>`;
}

export interface CommentForm {
  values: { authorName?: string; authorEmail?: string; authorUrl?: string; body?: string };
  errors: string[];
}

export interface ArticlePageData {
  site: Site;
  page: ArticlePage;
  sections: string[] | null;
  /** Shown above the form: the answer to the reader's last post. */
  notice?: 'pending' | null;
  form?: CommentForm;
}

export function articlePage(data: ArticlePageData): string {
  const { article, latest, related, comments } = data.page;
  const form = data.form ?? { values: {}, errors: [] };
  const content = html`<article aria-labelledby="headline">
      <p class="meta">
        ${article.section ? html`<a href="/sections/${encodeURIComponent(article.section)}">${titleCase(article.section)}</a>` : ''}
      </p>
      <h1 id="headline">${article.headline}</h1>
      <p class="meta">${article.byline ? html`By <span class="byline">${article.byline}</span> · ` : ''}${when(article.publishedAt)}</p>
      ${article.dateline ? html`<p class="dateline">${article.dateline}</p>` : ''}
      <div class="body">${bodyHtml(article)}</div>
      ${article.tags.length ? html`<p class="meta">Tags: ${article.tags.map((tag, i) => html`${i ? ', ' : ''}<a href="/tags/${encodeURIComponent(tag)}">${tag}</a>`)}</p>` : ''}
    </article>
    <section aria-labelledby="related-heading">
      <h2 id="related-heading">You May Also Like</h2>
      ${related ? (related.length ? related.map((item) => teaser(item)) : html`<p>Nothing related yet.</p>`) : unavailable('Related stories')}
    </section>
    <section aria-labelledby="latest-heading">
      <h2 id="latest-heading">Latest</h2>
      ${latest ? latest.map((item) => teaser(item)) : unavailable('The latest stories')}
    </section>
    <section id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments${comments ? ` (${comments.total})` : ''}</h2>
      ${comments ? (comments.items.length ? comments.items.map(comment) : html`<p>No comments yet.</p>`) : unavailable('Comments')}
      ${comments && !comments.open ? html`<p>Comments are closed.</p>` : replyForm(article.slug, form, data.notice)}
    </section>`;
  return layout({ site: data.site, title: article.headline, sections: data.sections, description: article.body.slice(0, 200) }, content);
}

function replyForm(slug: string, form: CommentForm, notice: 'pending' | null | undefined): SafeHtml {
  return html`<h2 id="reply-heading">Leave a Reply</h2>
    ${notice === 'pending' ? html`<p class="notice" role="status">Thank you. Your comment is awaiting moderation.</p>` : ''}
    ${
      form.errors.length
        ? html`<div class="errors" role="alert">
            <p>Please check your comment:</p>
            <ul>
              ${form.errors.map((error) => html`<li>${error}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <form class="reply" method="post" action="${articlePath(slug)}/comments" aria-labelledby="reply-heading">
      <p class="meta" id="email-note">Your email address will not be published. Required fields are marked *</p>
      <label for="comment-body">Comment *</label
      ><textarea id="comment-body" name="body" rows="6" required maxlength="10000">${form.values.body ?? ''}</textarea>
      <label for="comment-name">Name *</label
      ><input id="comment-name" name="authorName" autocomplete="name" required maxlength="100" value="${form.values.authorName ?? ''}" />
      <label for="comment-email">Email *</label
      ><input
        id="comment-email"
        name="authorEmail"
        type="email"
        autocomplete="email"
        required
        aria-describedby="email-note"
        value="${form.values.authorEmail ?? ''}"
      />
      <label for="comment-url">Website</label
      ><input id="comment-url" name="authorUrl" type="url" autocomplete="url" value="${form.values.authorUrl ?? ''}" />
      <p><button type="submit">Post Comment</button></p>
    </form>`;
}

export function errorPage(site: Site, status: number, message: string): string {
  return layout(
    { site, title: status === 404 ? 'Not found' : 'Unavailable' },
    html`<h1>${status === 404 ? 'Not found' : 'Something went wrong'}</h1>
      <p>${message}</p>
      <p><a href="/">Back to the front page</a></p>`,
  );
}
