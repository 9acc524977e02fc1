import type { Detector } from '../../detectors/types';
import { detectAnniversary } from './anniversary';
import { detectCampaignPeriod } from './campaignPeriod';
import { detectCongressDate, detectEightPointDate, detectPlenumDate } from './partyCalendar';
import { detectRegionAsCountry } from './regionAsCountry';
import { detectNpcSessionDate, detectSessionOrder } from './sessions';

/** The context-aware formulation detectors (dates, sessions, anniversaries, campaigns, regions) by rule-facing name. */
export const FORMULATION_DETECTORS: Readonly<Record<string, Detector>> = {
  'session-order': doc => detectSessionOrder(doc),
  'npc-session-date': doc => detectNpcSessionDate(doc),
  anniversary: (doc, params) => detectAnniversary(doc, params),
  'congress-date': doc => detectCongressDate(doc),
  'plenum-date': doc => detectPlenumDate(doc),
  'eight-point-date': doc => detectEightPointDate(doc),
  'campaign-period': doc => detectCampaignPeriod(doc),
  'region-as-country': doc => detectRegionAsCountry(doc),
};
