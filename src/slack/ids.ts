/** Action, callback and block ids: the contract between the Block Kit we send and the listeners. */
export const ACTION = {
  advance: 'lead_advance',
  openLose: 'lead_open_lose',
  openWin: 'lead_open_win',
  openEdit: 'lead_open_edit',
  reopen: 'lead_reopen',
  openFollowUp: 'lead_open_follow_up',
  /** A zombie closed in one click, as lost for no response. */
  loseNoResponse: 'lead_lose_no_response',
  /** The team pool: a zombie given back, a pooled lead taken. */
  release: 'lead_release',
  claim: 'lead_claim',
  /** The App Home: a lead's overflow menu, the page buttons, the manager's digest button. */
  homeLeadMenu: 'home_lead_menu',
  homePage: 'home_page',
  homeWeeklyDigest: 'home_weekly_digest',
  /** A result of `/lead find` opened as its card. */
  showLead: 'lead_show',
  /** On the new-lead form's duplicate warning: DM the owner of the lead it may duplicate. */
  askOwner: 'lead_ask_owner',
  /** `/lead actions`: close an item with its result. */
  closeActionItem: 'action_item_close',
  /** A bottleneck flag's "Not a problem": the dismissal modal. */
  dismissFinding: 'finding_dismiss',
  actionFromFinding: 'finding_action_item',
  /** Under what `/lead cost` recorded: take the entry back. */
  removeCost: 'cost_remove',
  editGoal: 'goal_edit',
  closeGoal: 'goal_close',
  /** Inputs of the goal modal whose change updates the baseline shown. */
  goalBaselineInput: 'goal_baseline_input',
  /** Under a dry run's report: the same file, imported for real. */
  importNow: 'sheet_import_now',
} as const;

/** Callback ids of the shortcuts declared in manifests/manifest.json. */
export const SHORTCUT = {
  /** On any message: the new-lead form, filled from what the message says. */
  leadFromMessage: 'lead_from_message',
} as const;

export const VIEW = {
  newLead: 'lead_new',
  loseLead: 'lead_lose',
  winLead: 'lead_win',
  editLead: 'lead_edit',
  logFollowUp: 'lead_follow_up',
  goal: 'goal_set',
  actionItem: 'action_item_new',
  closeActionItem: 'action_item_close',
  settings: 'team_settings',
  cost: 'cost_record',
  dismissFinding: 'finding_dismiss',
  importSheet: 'sheet_import',
} as const;

/** Block and element ids of the modals' inputs, read back from view.state.values. */
export const FIELD = {
  name: 'name',
  dismissReason: 'dismiss_reason',
  sourceChannel: 'source_channel',
  campaign: 'campaign',
  contentAsset: 'content_asset',
  customerType: 'customer_type',
  industry: 'industry',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
  owner: 'owner',
  acquiredAt: 'acquired_at',
  nextFollowUp: 'next_follow_up',
  notes: 'notes',
  knownReasons: 'known_reasons',
  newReason: 'new_reason',
  note: 'note',
  followUpNote: 'follow_up_note',
  followUpOutcome: 'follow_up_outcome',
  amount: 'amount',
  dealAmount: 'deal_amount',
  acquisitionCost: 'acquisition_cost',
  budget: 'budget',
  authority: 'authority',
  need: 'need',
  timeline: 'timeline',
  actionTitle: 'action_title',
  actionConclusion: 'action_conclusion',
  actionOwner: 'action_owner',
  actionDue: 'action_due',
  actionMetric: 'action_metric',
  actionTarget: 'action_target',
  actionResult: 'action_result',
  actionOutcome: 'action_outcome',
  goalMetric: 'goal_metric',
  goalTarget: 'goal_target',
  goalPeriod: 'goal_period',
  goalFrom: 'goal_from',
  goalTo: 'goal_to',
  goalOwner: 'goal_owner',
  goalChannel: 'goal_channel',
  goalBaseline: 'goal_baseline',
  settingsTimeZone: 'settings_time_zone',
  settingsLocale: 'settings_locale',
  settingsCurrency: 'settings_currency',
  cadenceAcquired: 'cadence_acquired',
  cadenceContacted: 'cadence_contacted',
  cadenceDiscovery: 'cadence_discovery',
  cadenceProposal: 'cadence_proposal',
  cadenceNegotiation: 'cadence_negotiation',
  zombieAfterDays: 'zombie_after_days',
  untouchedAfterDays: 'untouched_after_days',
  poolAfterDays: 'pool_after_days',
  flagMargin: 'flag_margin',
  mqlThreshold: 'mql_threshold',
  digestChannel: 'digest_channel',
  alignmentChannel: 'alignment_channel',
  costChannel: 'cost_channel',
  costCampaign: 'cost_campaign',
  costAmount: 'cost_amount',
  costMonth: 'cost_month',
  importFile: 'import_file',
  importOptions: 'import_options',
} as const;
