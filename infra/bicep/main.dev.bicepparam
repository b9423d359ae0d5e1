// A development environment. Deploy with:
//   az deployment group create --resource-group <group> --parameters infra/bicep/main.dev.bicepparam
using 'main.bicep'

param appName = 'durable-mcp-dev'
param instanceMemoryMB = 2048
param maximumInstanceCount = 10
param durableAlwaysReadyInstanceCount = 1
param identityAudience = 'api://durable-mcp-dev'
param logRetentionInDays = 30
param tags = {
  environment: 'dev'
  application: 'durable-mcp-tasks'
}
