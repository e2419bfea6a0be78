using System;
using System.Linq;
using System.Threading.Tasks;
using BkSops.Api;
using Xunit;

namespace BkSops.Core.Tests.Api
{
    /// <summary>The retry matrix of contracts.md section 7, on scripted answers.</summary>
    public class RetryTests
    {
        private const string Ok = "{\"result\": true, \"data\": {\"state\": \"RUNNING\", \"children\": {}}, \"code\": 0}";
        private const string Gw502 = "{\"code_name\": \"BAD_GATEWAY\", \"data\": null, \"code\": 1650200, \"message\": \"Bad Gateway [upstream_error=\\\"cannot read header from upstream\\\"]\", \"result\": false}";
        private const string Gw429 = "{\"code_name\": \"RATE_LIMIT_RESTRICTION\", \"data\": null, \"code\": 1642902, \"message\": \"API rate limit exceeded by stage strategy\", \"result\": false}";

        private static ApiCall Create() => ApiRoutes.CreateTask(2, "cmdb_biz", "deploy", System.Text.Encoding.UTF8.GetBytes("{}"));
        private static ApiCall Get() => ApiRoutes.Status(2, "cmdb_biz", 7);

        [Theory]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        [InlineData(429)]
        public async Task AGetIsRetriedOnTransientStatuses(int status)
        {
            var (client, handler, delays) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("oops", status).ThenJson("oops", status).ThenJson(Ok);
            var log = new RecordingLog();
            var answer = await client.SendAsync(Get(), log);
            Assert.Equal(3, answer.Attempts);
            Assert.Equal(3, handler.Requests.Count);
            Assert.Equal(2, delays.Count);
            Assert.Equal(2, log.Warnings.Count());
        }

        [Fact]
        public async Task AGetGivesUpAfterMaxRetry()
        {
            var s = TestClients.Gateway(); s.MaxRetry = 2;
            var (client, handler, _) = TestClients.Make(s);
            for (int i = 0; i < 3; i++) handler.ThenJson(Gw502, 502);
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Get()));
            Assert.Equal("BkSops.Gateway.1650200", e.ErrorId);
            Assert.Equal(3, handler.Requests.Count);
            Assert.Contains("after 3 attempts", e.Message);
        }

        [Fact]
        public async Task AGetIsNotRetriedOn500OrResultFalse()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("Internal Server Error", 500);
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Get()));
            Assert.Equal("BkSops.Http.500", e.ErrorId);
            Assert.Single(handler.Requests);

            (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("{\"result\": false, \"message\": \"task[id=7] get status error: nope\", \"code\": 3599999}");
            e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Get()));
            Assert.Equal("BkSops.Api.3599999", e.ErrorId);
            Assert.Equal(3599999, e.Code);
            Assert.Equal(200, e.HttpStatus);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task AGetIsRetriedAfterAResetOrATimeout()
        {
            // The slow answer outlasts the timeout by far, so a loaded machine cannot let it finish first (the timeout
            // cancels it; the test does not wait a minute), and the timeout leaves the quick answer time even there.
            var s = TestClients.Gateway(); s.Timeout = TimeSpan.FromSeconds(1);
            var (client, handler, _) = TestClients.Make(s);
            handler.ThenThrow(FakeHandler.Reset())
                   .ThenSlow(60_000, Ok)
                   .ThenJson(Ok);
            var answer = await client.SendAsync(Get());
            Assert.Equal(3, answer.Attempts);
        }

        [Theory]
        [InlineData(502, "BkSops.Gateway.1650200")]
        [InlineData(500, "BkSops.Http.500")]
        [InlineData(503, "BkSops.Http.503")]
        [InlineData(504, "BkSops.Http.504")]
        public async Task ACreateIsNeverSentTwiceAfterItMayHaveReachedBkSops(int status, string id)
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson(status == 502 ? Gw502 : "<html>error</html>", status).ThenJson(TestClients.CreatedAnswer);
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Create()));
            Assert.Equal(id, e.ErrorId);
            Assert.Single(handler.Requests);
            if (status != 503) Assert.True(e.MayHaveReachedServer);
        }

        [Fact]
        public async Task ACreateIsNotRetriedAfterAResetAndSaysTheTaskMayExist()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenThrow(FakeHandler.Reset()).ThenJson(TestClients.CreatedAnswer);
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Create()));
            Assert.Equal("BkSops.Connection.Reset", e.ErrorId);
            Assert.Single(handler.Requests);
            Assert.True(e.MayHaveReachedServer);
            Assert.Contains("task may exist", e.Message);
            Assert.Contains("get_task_list on project 2 with keyword 'deploy'", e.Message);
        }

        [Fact]
        public async Task ACreateIsNotRetriedAfterATimeout()
        {
            var s = TestClients.Gateway(); s.Timeout = TimeSpan.FromMilliseconds(100);
            var (client, handler, _) = TestClients.Make(s);
            handler.ThenSlow(60_000, TestClients.CreatedAnswer).ThenJson(TestClients.CreatedAnswer);
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Create()));
            Assert.Equal("BkSops.Connection.Timeout", e.ErrorId);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task ACreateIsRetriedWhenNothingWasSentOrTheGatewayRateLimitedIt()
        {
            var (client, handler, delays) = TestClients.Make(TestClients.Gateway());
            handler.ThenThrow(FakeHandler.Refused())
                   .ThenJson(Gw429, 429, ("Retry-After", "2"), ("X-Bkapi-RateLimit-Reset", "9"))
                   .ThenJson(TestClients.CreatedAnswer);
            var answer = await client.SendAsync(Create());
            Assert.Equal(3, answer.Attempts);
            Assert.Equal(TimeSpan.FromSeconds(2), delays[1]);  // Retry-After wins
        }

        [Fact]
        public async Task APlain429OnACreateIsNotRetried()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("slow down", 429).ThenJson(TestClients.CreatedAnswer);
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Create()));
            Assert.Equal("BkSops.Http.429", e.ErrorId);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task ARetriedStartAnsweredAlreadyStartedCountsAsSuccess()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson(Gw429, 429).ThenJson("{\"result\": false, \"code\": 3545000, \"message\": \"task already started\"}");
            var answer = await client.SendAsync(ApiRoutes.Start(2, "cmdb_biz", 7));
            Assert.Equal(2, answer.Attempts);

            (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("{\"result\": false, \"code\": 3545000, \"message\": \"task already started\"}");
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(ApiRoutes.Start(2, "cmdb_biz", 7)));
            Assert.Equal("BkSops.Api.3545000", e.ErrorId);
        }

        [Fact]
        public async Task NonJsonAnswersAreHttpErrorsWithTheStatus()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("<html>hello</html>");
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Get()));
            Assert.Equal("BkSops.Http.200", e.ErrorId);
            Assert.Contains("not bk-sops JSON", e.Message);
        }

        [Fact]
        public async Task ErrorsCarryRequestAndTraceIdsAndNeverASecret()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway(token: true));
            handler.ThenJson("{\"result\": false, \"code\": 3540000, \"trace_id\": \"tr-1\", \"message\": \"echo " + TestClients.Secret + " " + TestClients.Token + "\"}", 200, ("X-Bkapi-Request-Id", "req-9"));
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Get()));
            Assert.Equal("req-9", e.RequestId);
            Assert.Equal("tr-1", e.TraceId);
            Assert.Equal("req-9", e.Data["RequestId"]);
            string all = e.ToString() + string.Join(" ", e.Data.Values.Cast<object>());
            Assert.DoesNotContain(TestClients.Secret, all);
            Assert.DoesNotContain(TestClients.Token, all);
        }

        [Fact]
        public async Task WrongCredentialsGetAnEnglishExplanation()
        {
            var (client, handler, _) = TestClients.Make(TestClients.Gateway());
            handler.ThenJson("{\"code_name\": \"INVALID_ARGS\", \"data\": null, \"code\": 1640001, \"message\": \"Parameters error [reason=\\\"bk_app_code or bk_app_secret is incorrect\\\"]\", \"result\": false}", 400);
            var e = await Assert.ThrowsAsync<BkSopsApiException>(() => client.SendAsync(Get()));
            Assert.Equal("BkSops.Gateway.1640001", e.ErrorId);
            Assert.Contains("-Credential", e.Explanation);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public void BackoffHonoursRetryAfterAndIsCapped()
        {
            var now = DateTimeOffset.UtcNow;
            var random = new Random(1);
            Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.Delay(1, "3", null, now, random));
            Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Delay(1, "120", null, now, random));
            Assert.Equal(TimeSpan.FromSeconds(5), RetryPolicy.Delay(1, null, "5", now, random));
            var date = now.AddSeconds(10).ToString("r");
            var fromDate = RetryPolicy.Delay(1, date, null, now, random);
            Assert.InRange(fromDate.TotalSeconds, 8.9, 10.1);
            for (int retry = 1; retry < 12; retry++)
            {
                var d = RetryPolicy.Delay(retry, null, null, now, random);
                Assert.InRange(d.TotalMilliseconds, 0, 30_000);
                if (retry == 1) Assert.InRange(d.TotalMilliseconds, 250, 750);
            }
            Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Delay(12, null, null, now, random));
        }
    }
}
