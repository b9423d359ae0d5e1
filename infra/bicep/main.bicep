// Durable MCP tasks on Azure Functions Flex Consumption: the Function app (custom handler), its storage account, a
// user-assigned managed identity with data-plane roles (no keys anywhere), and Application Insights on Log Analytics.
//
// Names the engine and the Functions host must agree on are read from the app's own files, never repeated here: the
// work queue and the storage connection from the queue trigger's function.json, the MCP route from the HTTP trigger's.

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

var workerFunction = loadJsonContent('../../functions/durable-worker/function.json')
var mcpFunction = loadJsonContent('../../functions/mcp/function.json')
var hostJson = loadJsonContent('../../host.json')

// The queue trigger's binding names the engine's work queue ({taskHub}-work) and the storage connection.
var workQueueName = workerFunction.bindings[0].queueName
var taskHub = substring(workQueueName, 0, length(workQueueName) - length('-work'))
var storageConnection = workerFunction.bindings[0].connection
var mcpPath = join(filter([hostJson.extensions.http.routePrefix, mcpFunction.bindings[0].route], part => !empty(part)), '/')

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
    taskHub: taskHub
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
    runtimeName: 'custom'
    runtimeVersion: '1.0'
    appSettings: {
      // Identity-based connection for the Functions host and its triggers; the handler points the engine at it too.
      '${storageConnection}__blobServiceUri': storage.outputs.blobEndpoint
      '${storageConnection}__queueServiceUri': storage.outputs.queueEndpoint
      '${storageConnection}__tableServiceUri': storage.outputs.tableEndpoint
      '${storageConnection}__credential': 'managedidentity'
      '${storageConnection}__clientId': identity.outputs.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      DurableEngine__TaskHub: taskHub
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

@description('Name of the storage account (task hub and deployment package).')
output storageAccountName string = storage.outputs.name

@description('Container the deployment package is uploaded to.')
output deploymentContainerUrl string = storage.outputs.deploymentContainerUrl

@description('The engine\'s storage resources.')
output taskHub object = storage.outputs.taskHubResources

@description('Client id of the app\'s managed identity.')
output identityClientId string = identity.outputs.clientId

@description('Name of the Application Insights component.')
output appInsightsName string = monitoring.outputs.appInsightsName
