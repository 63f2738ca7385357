// Inputs and outputs of workflows and the definitions of their signals and queries.
// They carry ids and non-secret settings only: secrets stay in PostgreSQL and are
// read by activities, so they never enter workflow history.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { DeploymentStatus, StepName, StepStatus } from './domain.js';

export interface DeployRequest {
  deploymentId: string;
}

export interface AppDeployerInput {
  appId: string;
  /** Requests carried over a continue-as-new. */
  pending?: DeployRequest[];
}

export interface DeployAppInput {
  appId: string;
  deploymentId: string;
}

export interface DeploymentStepState {
  name: StepName;
  status: StepStatus;
}

export interface DeploymentState {
  deploymentId: string;
  status: DeploymentStatus;
  steps: DeploymentStepState[];
  error?: string;
}

export const requestDeploymentSignal = defineSignal<[DeployRequest]>('requestDeployment');
/** To the app's deployer: cancel this deployment, whether it waits or runs. */
export const cancelDeploymentSignal = defineSignal<[DeployRequest]>('cancelDeployment');
/**
 * To a running deployment, from its deployer, when a newer request arrives: stop if still
 * building (clone/build/push), or skip retiring the old release (the newer one takes over).
 */
export const supersedeSignal = defineSignal<[{ byDeploymentId: string }]>('supersede');
export const deploymentStateQuery = defineQuery<DeploymentState>('deploymentState');
export const pendingDeploymentsQuery = defineQuery<DeployRequest[]>('pendingDeployments');
