import type { Detector, DetectorWords } from '../../detectors/types';
import { detectAnniversary } from './anniversary';
import { detectCampaignPeriod, TRIGGERS } from './campaignPeriod';
import { CONGRESS_NAMES, detectCongressDate, detectEightPointDate, detectPlenumDate } from './partyCalendar';
import { detectRegionAsCountry, REGIONS } from './regionAsCountry';
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

/** The words these detectors look for in the whole text (see `DetectorWords`). */
export const FORMULATION_DETECTOR_WORDS: Readonly<Record<string, DetectorWords>> = {
  'session-order': () => [['届']],
  'npc-session-date': () => [['届']],
  anniversary: () => [['周年']],
  'congress-date': () => [CONGRESS_NAMES],
  'plenum-date': () => [['届']],
  'eight-point-date': () => [['八项规定']],
  'campaign-period': () => [TRIGGERS],
  'region-as-country': () => REGIONS.map(r => [r]),
};
