import type { AuthUser, Page } from '@app/common';
import type { ProposalView } from '@app/proposals';
import { PageResponseOf } from '../common/page.response.js';
import { ProposalResponse } from './dto/proposal.response.js';

export const ProposalPage = PageResponseOf(ProposalResponse);

/** The public answer of each page the service handed out (it reuses pages for a moment). */
const publicJson = new WeakMap<Page<ProposalView>, string>();

/**
 * A page as the public sees it, serialized once however many visitors ask for it while the
 * service reuses it; `undefined` when the viewer sees more than the public (an anonymous
 * author), whose answer must be made for them.
 */
export function publicPageJson(
  page: Page<ProposalView>,
  viewer: AuthUser | undefined,
): string | undefined {
  if (page.items.some((proposal) => ProposalResponse.showsViewerMore(proposal, viewer))) {
    return undefined;
  }
  let json = publicJson.get(page);
  if (json === undefined) {
    json = JSON.stringify(
      ProposalPage.from(page, (item) => ProposalResponse.from(item, undefined)),
    );
    publicJson.set(page, json);
  }
  return json;
}
