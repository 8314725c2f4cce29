import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@app/common';

/** Builds the documented class of a paged answer: `{items, total, page, pageSize}`. */
export function PageResponseOf<T>(itemType: new () => T) {
  class PageResponse {
    @ApiProperty({ type: [itemType] })
    items: T[];

    @ApiProperty()
    total: number;

    @ApiProperty()
    page: number;

    @ApiProperty()
    pageSize: number;

    static from<S>(page: Page<S>, map: (item: S) => T): PageResponse {
      return Object.assign(new PageResponse(), { ...page, items: page.items.map(map) });
    }
  }
  Object.defineProperty(PageResponse, 'name', { value: `${itemType.name}Page` });
  return PageResponse;
}
