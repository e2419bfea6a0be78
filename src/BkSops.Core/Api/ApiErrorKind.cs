namespace BkSops.Api
{
    /// <summary>Where an error came from; each maps to a family of error ids (contracts.md section 6).</summary>
    public enum ApiErrorKind
    {
        /// <summary>bk-sops answered <c>result: false</c>: <c>BkSops.Api.&lt;code&gt;</c>.</summary>
        Api,
        /// <summary>The API gateway answered itself: <c>BkSops.Gateway.&lt;code&gt;</c>.</summary>
        Gateway,
        /// <summary>An HTTP error status, or an answer that is not the expected JSON: <c>BkSops.Http.&lt;status&gt;</c>.</summary>
        Http,
        /// <summary>No answer (refused, timeout, reset, bad settings): <c>BkSops.Connection.&lt;Reason&gt;</c>.</summary>
        Connection,
    }
}
