import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { PagesController } from './pages.controller';
import { PagesService } from './pages.service';

@Module({
  imports: [ArticlesModule],
  controllers: [PagesController],
  providers: [PagesService],
})
export class PagesModule {}
