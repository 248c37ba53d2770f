-- The databases and logins of the two services on the compose SQL Server. Run by the
-- sqlserver-init service of docker-compose.yml as sa, on every `up`: every step is idempotent,
-- and the passwords are set again so that changing them in the environment takes effect.
--
-- Each service gets its own database and a login that owns only that database: the User nodes
-- share UserNodeJournal (journal, snapshots, publisher offset, all created by the node on start),
-- the Email nodes share EmailNodeSendLog (the send log, created by the node on start).
--
-- sqlcmd scripting variables (sqlcmd -v): UserNodePassword, EmailNodePassword.

IF DB_ID(N'UserNodeJournal') IS NULL
    CREATE DATABASE UserNodeJournal;
GO
IF DB_ID(N'EmailNodeSendLog') IS NULL
    CREATE DATABASE EmailNodeSendLog;
GO

IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'user_node')
    CREATE LOGIN user_node WITH PASSWORD = N'$(UserNodePassword)', DEFAULT_DATABASE = UserNodeJournal;
ELSE
    ALTER LOGIN user_node WITH PASSWORD = N'$(UserNodePassword)';
GO
IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'email_node')
    CREATE LOGIN email_node WITH PASSWORD = N'$(EmailNodePassword)', DEFAULT_DATABASE = EmailNodeSendLog;
ELSE
    ALTER LOGIN email_node WITH PASSWORD = N'$(EmailNodePassword)';
GO

-- db_owner: the nodes create their own tables on start (Akka.Persistence.Sql auto-initialize,
-- the send log's CREATE TABLE IF NOT EXISTS).
USE UserNodeJournal;
IF USER_ID(N'user_node') IS NULL
    CREATE USER user_node FOR LOGIN user_node;
ALTER ROLE db_owner ADD MEMBER user_node;
GO
USE EmailNodeSendLog;
IF USER_ID(N'email_node') IS NULL
    CREATE USER email_node FOR LOGIN email_node;
ALTER ROLE db_owner ADD MEMBER email_node;
GO

PRINT N'sqlserver-init: databases UserNodeJournal and EmailNodeSendLog and their logins are in place.';
GO
