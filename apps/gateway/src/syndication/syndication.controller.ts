import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { FeedReader } from '../feed/feed.reader';
import { GatewayConfig } from '../gateway.config';
import { Channel, jsonFeed, rss } from './syndication';

const FEED_CACHE = 'public, max-age=300, stale-if-error=3600';
const ITEMS = 50;

/** RSS 2.0 and JSON Feed 1.1 of the latest stories, for the site and for each section. */
@ApiTags('syndication')
@Controller()
export class SyndicationController {
  constructor(
    private readonly feed: FeedReader,
    private readonly config: GatewayConfig,
  ) {}

  @Get('feed.xml')
  @ApiOperation({ summary: 'RSS 2.0 of the latest stories' })
  @ApiProduces('application/rss+xml')
  @ApiOkResponse({ description: 'RSS 2.0 document' })
  async siteRss(@Res() reply: FastifyReply): Promise<void> {
    const page = await this.feed.latest(ITEMS);
    this.sendRss(reply, this.channel('/', '/feed.xml'), page.items);
  }

  @Get('feed.json')
  @ApiOperation({ summary: 'JSON Feed 1.1 of the latest stories' })
  @ApiProduces('application/feed+json')
  @ApiOkResponse({ description: 'JSON Feed 1.1 document' })
  async siteJson(@Res() reply: FastifyReply): Promise<void> {
    const page = await this.feed.latest(ITEMS);
    this.sendJson(reply, this.channel('/', '/feed.json'), page.items);
  }

  @Get('sections/:section/feed.xml')
  @ApiOperation({ summary: "RSS 2.0 of a section's latest stories" })
  @ApiParam({ name: 'section', example: 'world' })
  @ApiProduces('application/rss+xml')
  @ApiOkResponse({ description: 'RSS 2.0 document' })
  async sectionRss(@Param('section') section: string, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.feed.latest(ITEMS, undefined, { section });
    this.sendRss(
      reply,
      this.channel(`/sections/${encodeURIComponent(section)}`, `/sections/${encodeURIComponent(section)}/feed.xml`, section),
      page.items,
    );
  }

  @Get('sections/:section/feed.json')
  @ApiOperation({ summary: "JSON Feed 1.1 of a section's latest stories" })
  @ApiParam({ name: 'section', example: 'world' })
  @ApiProduces('application/feed+json')
  @ApiOkResponse({ description: 'JSON Feed 1.1 document' })
  async sectionJson(@Param('section') section: string, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.feed.latest(ITEMS, undefined, { section });
    this.sendJson(
      reply,
      this.channel(`/sections/${encodeURIComponent(section)}`, `/sections/${encodeURIComponent(section)}/feed.json`, section),
      page.items,
    );
  }

  private channel(homePath: string, feedPath: string, section?: string): Channel {
    const base = this.config.PUBLIC_BASE_URL;
    const title = section ? `${this.config.SITE_TITLE}: ${section}` : this.config.SITE_TITLE;
    return {
      title,
      description: section
        ? `The latest ${section} stories from ${this.config.SITE_TITLE}`
        : `The latest stories from ${this.config.SITE_TITLE}`,
      homePageUrl: new URL(homePath, base).toString(),
      feedUrl: new URL(feedPath, base).toString(),
      language: 'en',
    };
  }

  private sendRss(reply: FastifyReply, channel: Channel, items: Parameters<typeof rss>[1]): void {
    void reply
      .header('content-type', 'application/rss+xml; charset=utf-8')
      .header('cache-control', FEED_CACHE)
      .send(rss(channel, items, this.config.PUBLIC_BASE_URL));
  }

  private sendJson(reply: FastifyReply, channel: Channel, items: Parameters<typeof rss>[1]): void {
    void reply
      .header('content-type', 'application/feed+json; charset=utf-8')
      .header('cache-control', FEED_CACHE)
      .send(JSON.stringify(jsonFeed(channel, items, this.config.PUBLIC_BASE_URL)));
  }
}
