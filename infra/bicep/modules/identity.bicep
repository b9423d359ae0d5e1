// The app's user-assigned managed identity: the only principal that reaches storage and Application Insights.

@description('Name of the managed identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client id of the identity (for AzureWebJobsStorage__clientId and Application Insights).')
output clientId string = identity.properties.clientId

@description('Principal id of the identity (for role assignments).')
output principalId string = identity.properties.principalId
