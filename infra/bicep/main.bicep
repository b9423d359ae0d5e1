// Durable MCP tasks on Azure Functions Flex Consumption: a .NET isolated-worker Function app running Durable Functions
// on the Azure Storage backend, its storage account, a user-assigned managed identity with data-plane roles (no keys
// anywhere), and Application Insights on Log Analytics.
//
// The app's host.json is read, never repeated here: the MCP path comes from its HTTP route prefix, the task hub name
// from its durableTask section.

targetScope = 'resourceGroup'

@description('Base name of the resources; the Function app gets this name plus a unique suffix.')
@minLength(3)
@maxLength(30)
param appName string = 'durable-mcp'

@description('Region of the resources (one that offers Flex Consumption).')
param location string = resourceGroup().location

@description('Memory of each Function app instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the Function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Instances kept running for the Durable Functions triggers (the durable scale group). Microsoft recommends 1 on Flex Consumption.')
@minValue(0)
param durableAlwaysReadyInstanceCount int = 1

@description('Issuer of the bearer tokens MCP clients present (OpenID Connect authority). Default: this tenant\'s Microsoft Entra ID.')
param identityAuthority string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('Audience the tokens must be issued for: the application id URI (or client id) of the server\'s app registration.')
@minLength(1)
param identityAudience string

@description('Days Log Analytics keeps the logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Tags for every resource.')
param tags object = {}

var hostJson = loadJsonContent('../../host.json')

// The MCP endpoint's route is fixed by the app; the host puts its route prefix (empty: none) in front of it.
var mcpRoute = 'mcp'
var mcpPath = join(filter([hostJson.extensions.http.routePrefix, mcpRoute], part => !empty(part)), '/')
var taskHub = hostJson.extensions.durableTask.hubName

var suffix = uniqueString(resourceGroup().id, appName)
var functionAppName = '${appName}-${suffix}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${functionAppName}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${suffix}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    dataPrincipalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${functionAppName}'
    appInsightsName: 'appi-${functionAppName}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    publisherPrincipalId: identity.outputs.principalId
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: 'appi-${functionAppName}'
  dependsOn: [monitoring]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: functionAppName
    planName: 'plan-${functionAppName}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    durableAlwaysReadyInstanceCount: durableAlwaysReadyInstanceCount
    appSettings: {
      // Identity-based host storage; Durable Functions (Azure Storage provider) uses the same connection by default.
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      // The connection string only locates the component; local authentication is off, so ingestion needs the identity.
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      Identity__Mode: 'Jwt'
      Identity__Authority: identityAuthority
      Identity__Audience: identityAudience
    }
  }
}

@description('Name of the Function app.')
output functionAppName string = functionApp.outputs.name

@description('The MCP endpoint clients connect to (Streamable HTTP over HTTPS).')
output mcpEndpoint string = 'https://${functionApp.outputs.defaultHostName}/${mcpPath}'

@description('Name of the storage account (host storage, task hub and deployment package).')
output storageAccountName string = storage.outputs.name

@description('Container the deployment package is uploaded to.')
output deploymentContainerUrl string = storage.outputs.deploymentContainerUrl

@description('The Durable Functions task hub (from host.json); the extension creates its queues, tables and containers.')
output taskHub string = taskHub

@description('Client id of the app\'s managed identity.')
output identityClientId string = identity.outputs.clientId

@description('Name of the Application Insights component.')
output appInsightsName string = monitoring.outputs.appInsightsName
