import {
  cancelAssignment,
  createAssignment,
  getSubscriptions,
  listAssignments,
  listMyAssignments,
  reassignAssignment,
  recordSubscriptions,
  respondToAssignment,
} from './assignments';
import { devLogin, listDevAccounts, login, logout } from './auth';
import {
  createCampaign,
  getCampaign,
  getCampaignSignupCode,
  listCampaigns,
  setCampaignStatus,
  updateCampaign,
} from './campaigns';
import {
  createDelivery,
  getDeliveryDashboard,
  listCampaignDeliveries,
  listMyDeliveries,
  reviewDelivery,
  updateDelivery,
} from './deliveries';
import { createDeliveryExport, getDeliveryExport } from './exports';
import {
  createHandout,
  getCoolingCode,
  listCampaignHandouts,
  listCoolingCodeKeys,
  listMyHandouts,
  reviewHandout,
} from './handouts';
import {
  createHardshipFile,
  createHardshipVisit,
  getHardshipFile,
  listHardshipAudit,
  listHardshipFiles,
  listHardshipVisits,
  listPovertyLines,
  revealHardshipFile,
  setPovertyLine,
  updateHardshipFile,
} from './hardship';
import {
  acknowledgeHardshipAlert,
  assignHardshipAlert,
  commentHardshipAlert,
  getHardshipAlert,
  listEscalatedHardshipAlerts,
  listHardshipAlertAssignees,
  listHardshipAlerts,
  listMyHardshipAlerts,
  resolveHardshipAlert,
  startHardshipAlert,
} from './hardshipAlerts';
import { importHardshipFiles } from './hardshipImport';
import { clearHardshipPolicy, getHardshipPolicy, setHardshipPolicy } from './hardshipPolicy';
import {
  acceptInvite,
  createInvite,
  getInvite,
  listInvites,
  listRoleHolders,
  revokeInvite,
  revokeRole,
} from './invites';
import { getMe } from './me';
import { listOrgs, setStaffRole } from './orgs';
import { completePhotoUpload, createPhotoUpload, getStationPhotos, updateStationPhotos } from './photos';
import { listPlaces } from './places';
import { listMyReports, listStationProblems, updateStationProblem } from './problems';
import {
  listMyVolunteerSignups,
  listMyWorksiteSignups,
  listVolunteerSignups,
  listWorksiteSignups,
  revealSignupPhone,
  reviewVolunteerSignup,
  reviewWorksiteSignup,
  submitVolunteerSignup,
  submitWorksiteSignup,
} from './signups';
import {
  createStation,
  getManagedStation,
  importStations,
  listManagedStations,
  setStationStatus,
  updateStation,
  verifyStation,
} from './stationAdmin';
import { getStationCode, listHeldComments, listStationComments, reviewComment } from './stationComments';
import { getStationImportTemplate } from './stationImport';
import {
  getStation,
  listDistricts,
  nearbyStations,
  rateStation,
  reportStationProblem,
  searchStations,
} from './stations';
import { createSuggestion, listMySuggestions, listSuggestions, reviewSuggestion } from './suggestions';
import { health } from './system';

export * from './assignments';
export * from './auth';
export * from './authz';
export * from './campaigns';
export * from './define';
export * from './deliveries';
export * from './exports';
export * from './handouts';
export * from './hardship';
export * from './hardshipAlerts';
export * from './hardshipImport';
export * from './hardshipPolicy';
export * from './invites';
export * from './me';
export * from './orgs';
export * from './photos';
export * from './places';
export * from './problems';
export * from './query';
export * from './signups';
export * from './stationAdmin';
export * from './stationComments';
export * from './stationImport';
export * from './stations';
export * from './suggestions';
export * from './system';

/** The single route table: every route the API serves, keyed by its Lambda function name. */
export const contracts = {
  health,
  login,
  logout,
  listDevAccounts,
  devLogin,
  getMe,
  listOrgs,
  setStaffRole,
  nearbyStations,
  getStation,
  searchStations,
  listDistricts,
  listPlaces,
  rateStation,
  reportStationProblem,
  listStationComments,
  listHeldComments,
  reviewComment,
  getStationCode,
  listManagedStations,
  getManagedStation,
  createStation,
  updateStation,
  setStationStatus,
  verifyStation,
  importStations,
  getStationImportTemplate,
  listStationProblems,
  updateStationProblem,
  listMyReports,
  listCampaigns,
  getCampaign,
  createCampaign,
  updateCampaign,
  setCampaignStatus,
  getCampaignSignupCode,
  submitWorksiteSignup,
  listMyWorksiteSignups,
  submitVolunteerSignup,
  listMyVolunteerSignups,
  listWorksiteSignups,
  listVolunteerSignups,
  reviewWorksiteSignup,
  reviewVolunteerSignup,
  revealSignupPhone,
  createAssignment,
  reassignAssignment,
  cancelAssignment,
  listAssignments,
  listMyAssignments,
  respondToAssignment,
  getSubscriptions,
  recordSubscriptions,
  getCoolingCode,
  listCoolingCodeKeys,
  createHandout,
  listMyHandouts,
  listCampaignHandouts,
  reviewHandout,
  createDelivery,
  updateDelivery,
  listMyDeliveries,
  listCampaignDeliveries,
  reviewDelivery,
  getDeliveryDashboard,
  createDeliveryExport,
  getDeliveryExport,
  createPhotoUpload,
  completePhotoUpload,
  getStationPhotos,
  updateStationPhotos,
  createHardshipFile,
  updateHardshipFile,
  getHardshipFile,
  listHardshipFiles,
  revealHardshipFile,
  listHardshipAudit,
  listPovertyLines,
  setPovertyLine,
  createHardshipVisit,
  listHardshipVisits,
  importHardshipFiles,
  listHardshipAlerts,
  listMyHardshipAlerts,
  listEscalatedHardshipAlerts,
  getHardshipAlert,
  acknowledgeHardshipAlert,
  startHardshipAlert,
  resolveHardshipAlert,
  assignHardshipAlert,
  commentHardshipAlert,
  listHardshipAlertAssignees,
  getHardshipPolicy,
  setHardshipPolicy,
  clearHardshipPolicy,
  createInvite,
  getInvite,
  acceptInvite,
  listInvites,
  revokeInvite,
  listRoleHolders,
  revokeRole,
  createSuggestion,
  listMySuggestions,
  listSuggestions,
  reviewSuggestion,
} as const;

export type ContractName = keyof typeof contracts;
