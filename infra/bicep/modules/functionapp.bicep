// The Flex Consumption plan and the Function app: a .NET isolated-worker app running Durable Functions, deployed from a
// blob container with the app's managed identity, reaching storage and Application Insights through that identity only.

@description('Name of the Function app (also its host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the resources.')
param location string

@description('Tags for the resources.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept running for the durable group (orchestrator, activity and entity triggers).')
@minValue(0)
param durableAlwaysReadyInstanceCount int

@description('Application settings (environment of the Functions host and the worker).')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(appSettings): { name: setting.key, value: setting.value }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Flex Consumption scales Durable Functions triggers as one group; an instance kept ready there picks up
        // orchestrations and activities without a cold start.
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: durableAlwaysReadyInstanceCount
          }
        ]
      }
      // The runtime is part of the app's configuration on Flex Consumption (no FUNCTIONS_WORKER_RUNTIME setting);
      // the version is the worker's .NET version as the platform lists it.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing passwords: deployments authenticate with Microsoft Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function app.')
output name string = site.name

@description('Default host name of the Function app.')
output defaultHostName string = site.properties.defaultHostName
