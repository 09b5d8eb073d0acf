using Connectivity.Server.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = CommandLine.Normalize(args),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddConnectivityServer();

var app = builder.Build();
app.MapConnectivityEndpoints();
app.Run();
