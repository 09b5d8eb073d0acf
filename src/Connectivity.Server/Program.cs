using Connectivity.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddConnectivityServer();

var app = builder.Build();
app.MapConnectivityEndpoints();
app.Run();
