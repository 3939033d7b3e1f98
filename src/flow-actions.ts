import type { Resource } from 'i18next';
import type { FlowActions } from './flows/checks.js';
import { loadFlows, type LoadResult } from './flows/loader.js';
import { HELPLINE_ACTIONS } from './helpline/actions.js';
import { SURVEY_ACTIONS } from './surveys/index.js';

/** The flow actions each area handles: a flow naming any other fails to load. */
export const FLOW_ACTIONS: FlowActions = { helpline: HELPLINE_ACTIONS, surveys: SURVEY_ACTIONS };

/** The flows under `dir` (the shipped ones by default), checked against the actions the areas handle. */
export const loadAreaFlows = (dir?: string, resources?: Resource): LoadResult => loadFlows(dir, resources, FLOW_ACTIONS);
