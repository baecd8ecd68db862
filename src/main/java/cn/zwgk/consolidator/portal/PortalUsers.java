package cn.zwgk.consolidator.portal;

import java.time.LocalDateTime;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The accounts of {@code accounts}, as Spring Security reads them; a locked account cannot sign in. */
public class PortalUsers implements UserDetailsService {

    public static final String OFFICE_ROLE = "OFFICE";
    public static final String UNIT_ROLE = "UNIT";

    private final AccountStore accounts;

    public PortalUsers(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String user) {
        AccountStore.Account account = user == null || user.length() > 64 ? null : accounts.find(user);
        if (account == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(account.user()).password(account.passwordHash())
                .authorities(AuthorityUtils.createAuthorityList("ROLE_" + (account.office() ? OFFICE_ROLE : UNIT_ROLE)))
                .accountLocked(account.lockedAt(LocalDateTime.now())).build();
    }
}
