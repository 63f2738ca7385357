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
export const deploymentStateQuery = defineQuery<DeploymentState>('deploymentState');
export const pendingDeploymentsQuery = defineQuery<DeployRequest[]>('pendingDeployments');
